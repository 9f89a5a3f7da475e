package io.rowfs.proxy.blocks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/**
 * Sweeps the planner against a byte-level model: a file is main bytes overlaid by shadow writes and
 * truncates; the planned runs must reproduce the model exactly at every boundary.
 */
class BlockPlannerTest {
    static final int B = 512;
    final BlockPlanner planner = new BlockPlanner(new BlockGeometry(B));

    @Test
    void untouchedFileIsOneMainRunClippedToSize() {
        RoaringBitmap bm = new RoaringBitmap();
        assertEquals(List.of(new Run(Source.MAIN, 0, 1000)), planner.planRead(bm, 1000, 1000, 0, 4096));
        assertEquals(List.of(), planner.planRead(bm, 1000, 1000, 1000, 10));
        assertEquals(List.of(new Run(Source.MAIN, 1, B - 1)), planner.planRead(bm, 1000, 1000, 1, B - 1));
    }

    @Test
    void writeAtBoundaryOffsetsNeedsExactFills() {
        long mainSize = 4 * B;
        for (long off : new long[] {0, 1, B - 1, B, B + 1}) {
            RoaringBitmap bm = new RoaringBitmap();
            List<Run> fills = planner.fillsForWrite(bm, mainSize, off, 10);
            long head = off % B;
            long tailStart = off + 10;
            long blockEnd = (tailStart + B - 1) / B * B;
            int expected = (head > 0 ? 1 : 0) + (tailStart < blockEnd ? 1 : 0);
            assertEquals(expected, fills.size(), "fills at offset " + off + ": " + fills);
            for (Run f : fills) {
                assertEquals(Source.MAIN, f.source());
                assertTrue(f.end() <= off || f.offset() >= off + 10, "fill overlaps the write: " + f);
            }
        }
    }

    @Test
    void noFillForShadowBlocksOrBeyondMain() {
        RoaringBitmap bm = RoaringBitmap.bitmapOf(0);
        assertEquals(List.of(), planner.fillsForWrite(bm, 4 * B, 5, 10));
        assertEquals(List.of(), planner.fillsForWrite(new RoaringBitmap(), 100, B + 200, 10));
        assertEquals(List.of(new Run(Source.MAIN, 0, 100)), planner.fillsForWrite(new RoaringBitmap(), 100, 150, 10));
    }

    @Test
    void rejectsBadBlockSizes() {
        assertThrows(IllegalArgumentException.class, () -> new BlockGeometry(1000));
        assertThrows(IllegalArgumentException.class, () -> new BlockGeometry(256));
        assertThrows(IllegalArgumentException.class, () -> new BlockGeometry(1 << 21));
    }

    @Test
    void randomOperationsMatchByteModel() {
        Random rnd = new Random(42);
        for (int round = 0; round < 300; round++) {
            int mainSize = rnd.nextInt(8 * B);
            Model model = new Model(mainSize);
            for (int op = 0; op < 12; op++) {
                if (rnd.nextInt(4) == 0) {
                    model.truncate(rnd.nextInt(10 * B));
                } else {
                    model.write(rnd.nextInt(10 * B), 1 + rnd.nextInt(2 * B));
                }
                int off = rnd.nextInt(11 * B);
                model.checkRead(off, rnd.nextInt(4 * B));
                model.checkRead(0, 12 * B);
            }
        }
    }

    /** The file as the proxy must present it, next to what main and the shadow hold. */
    final class Model {
        final int mainSize;
        final byte[] main;
        byte[] shadow = new byte[0];
        byte[] expected;
        final RoaringBitmap bm = new RoaringBitmap();
        int logicalSize;

        Model(int mainSize) {
            this.mainSize = mainSize;
            main = new byte[mainSize];
            for (int i = 0; i < mainSize; i++) main[i] = (byte) (1 + i % 251);
            expected = main.clone();
            logicalSize = mainSize;
        }

        void write(int off, int len) {
            for (Run fill : planner.fillsForWrite(bm, mainSize, off, len)) copyMainToShadow(fill);
            planner.markWritten(bm, off, len);
            ensureShadow(off + len);
            ensureExpected(off + len);
            for (int i = off; i < off + len; i++) {
                byte v = (byte) (0x80 | (i % 127));
                shadow[i] = v;
                expected[i] = v;
            }
            logicalSize = Math.max(logicalSize, off + len);
        }

        void truncate(int size) {
            for (Run fill : planner.fillsForTruncate(bm, mainSize, size)) copyMainToShadow(fill);
            planner.markTruncated(bm, mainSize, size);
            if (shadow.length > size) shadow = java.util.Arrays.copyOf(shadow, size);
            byte[] e = new byte[Math.max(size, 0)];
            System.arraycopy(expected, 0, e, 0, Math.min(size, logicalSize));
            expected = e;
            logicalSize = size;
        }

        void checkRead(int off, int count) {
            byte[] got = new byte[Math.max(0, Math.min(logicalSize, off + count) - off)];
            for (Run r : planner.planRead(bm, mainSize, logicalSize, off, count)) {
                assertTrue(r.offset() >= off && r.end() <= off + got.length, "run outside the read: " + r);
                for (long i = r.offset(); i < r.end(); i++) {
                    byte[] src = r.source() == Source.MAIN ? main : shadow;
                    if (r.source() == Source.MAIN) assertTrue(i < mainSize, "main run past main's end: " + r);
                    got[(int) (i - off)] = i < src.length ? src[(int) i] : 0;
                }
            }
            byte[] want = new byte[got.length];
            if (got.length > 0) System.arraycopy(expected, off, want, 0, got.length);
            assertArrayEquals(want, got, "read " + off + "+" + count + " main=" + mainSize + " size=" + logicalSize);
        }

        private void copyMainToShadow(Run fill) {
            ensureShadow((int) fill.end());
            System.arraycopy(main, (int) fill.offset(), shadow, (int) fill.offset(), (int) fill.length());
        }

        private void ensureShadow(int len) {
            if (shadow.length < len) shadow = java.util.Arrays.copyOf(shadow, len);
        }

        private void ensureExpected(int len) {
            if (expected.length < len) expected = java.util.Arrays.copyOf(expected, len);
        }
    }
}
