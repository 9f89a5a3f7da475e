package io.rowfs.proxy.row;

import static io.rowfs.proxy.row.RoomFixture.B;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.protocol.nfs3.Sattr3;
import io.rowfs.protocol.nfs3.SetTime;
import io.rowfs.proxy.core.Resolved;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.roaringbitmap.RoaringBitmap;

/**
 * Copy-up of a main file's data by block (block size B): a write moves exactly the blocks it
 * touches into the shadow (a partly written block completed from main), reads merge main's blocks
 * and the shadow's, and main is never changed. Offsets 0, 1, B-1, B, B+1 and ranges across blocks.
 */
class FileDataBlocksTest {
    /** Main's file: four whole blocks and a partial fifth. */
    private static final int MAIN_SIZE = 4 * B + 100;

    @TempDir
    Path state;
    private RoomFixture fx;
    private byte[] mainBytes;
    private Map<String, String> mainBefore;

    @BeforeEach
    void setUp() {
        fx = new RoomFixture(state, 0).open(CrashPoint.NONE);
        mainBytes = RoomFixture.pattern(MAIN_SIZE, 7);
        fx.mainTree.file("f", mainBytes);
        mainBefore = fx.mainTree.snapshot();
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    static Stream<Arguments> writes() {
        return Stream.of(
                Arguments.of(0, 1), Arguments.of(1, 1), Arguments.of(B - 1, 1), Arguments.of(B, 1), Arguments.of(B + 1, 1),
                Arguments.of(B - 1, 2),          // straddles blocks 0 and 1
                Arguments.of(B / 2, 2 * B),      // a whole block inside, partial ones on both sides
                Arguments.of(B, B),              // exactly one block
                Arguments.of(0, MAIN_SIZE),      // all of it
                Arguments.of(4 * B + 50, 100),   // main's partial last block and past main's end
                Arguments.of(6 * B + 3, 10));    // past main's end, leaving a hole
    }

    @ParameterizedTest(name = "write {1} bytes at {0}")
    @MethodSource("writes")
    void aWriteMovesExactlyTheBlocksItTouchesAndReadsMergeBoth(int offset, int count) {
        byte[] data = RoomFixture.filled(count, 0xAA);
        fx.write("f", offset, data);

        byte[] expected = Arrays.copyOf(mainBytes, Math.max(MAIN_SIZE, offset + count));
        System.arraycopy(data, 0, expected, offset, count);
        assertArrayEquals(expected, fx.readAll("f"), "the merged file");

        Resolved f = fx.at("f");
        TreeSet<Integer> touched = new TreeSet<>();
        int mainBlocks = (MAIN_SIZE + B - 1) / B;
        for (int b = offset / B; b <= (offset + count - 1) / B && b < mainBlocks; b++) {
            touched.add(b);
        }
        RoaringBitmap inShadow = fx.blocks.get(f.id());
        assertEquals(touched, toSet(inShadow), "blocks redirected to the shadow");

        byte[] shadowFile = fx.shadowTree.bytes("f");
        assertEquals(expected.length, shadowFile.length, "the shadow copy has the logical size");
        for (int b = 0; b < mainBlocks; b++) {
            int from = b * B;
            int to = Math.min(from + B, MAIN_SIZE);
            byte[] shadowBlock = Arrays.copyOfRange(shadowFile, from, to);
            byte[] want = touched.contains(b) ? Arrays.copyOfRange(expected, from, to) : new byte[to - from];
            assertArrayEquals(want, shadowBlock, "shadow block " + b + (touched.contains(b) ? " (whole, completed from main)"
                    : " (never copied: sparse)"));
        }
        assertEquals(mainBefore, fx.mainTree.snapshot(), "main is untouched");
    }

    @Test
    void readsAtBlockEdgesMergeMainAndShadow() {
        fx.write("f", B, RoomFixture.filled(B, 0xAA)); // block 1 only
        for (int offset : new int[] {0, 1, B - 1, B, B + 1, 2 * B - 1, 2 * B}) {
            for (int count : new int[] {1, 2, B, B + 2}) {
                byte[] want = Arrays.copyOfRange(mainBytes, offset, Math.min(MAIN_SIZE, offset + count));
                for (int i = 0; i < want.length; i++) {
                    if (offset + i >= B && offset + i < 2 * B) {
                        want[i] = (byte) 0xAA;
                    }
                }
                assertArrayEquals(want, fx.read(fx.at("f"), offset, count), "read " + count + " at " + offset);
            }
        }
    }

    @Test
    void truncateThenExtendShowsZerosNotMainsOldBytes() {
        Resolved f = fx.at("f");
        fx.room.changes().setattr(f, size(B + 3));       // cut inside block 1
        fx.room.changes().setattr(fx.at("f"), size(4 * B)); // extend again
        byte[] expected = new byte[4 * B];
        System.arraycopy(mainBytes, 0, expected, 0, B + 3);
        assertArrayEquals(expected, fx.readAll("f"));

        fx.write("f", 3 * B, new byte[] {1}); // a write past the cut: the hole before it stays zeros
        assertEquals(0, fx.read(fx.at("f"), 3 * B - 1, 1)[0]);
        assertEquals(1, fx.read(fx.at("f"), 3 * B, 1)[0]);
        assertArrayEquals(Arrays.copyOf(mainBytes, B + 3), fx.read(fx.at("f"), 0, B + 3), "main's bytes before the cut");
        assertEquals(mainBefore, fx.mainTree.snapshot(), "main is untouched");
    }

    @Test
    void truncateToZeroAndBackLeavesNothingOfMain() {
        fx.room.changes().setattr(fx.at("f"), size(0));
        fx.room.changes().setattr(fx.at("f"), size(MAIN_SIZE));
        assertArrayEquals(new byte[MAIN_SIZE], fx.readAll("f"));
        assertTrue(fx.at("f").record().inShadow());
        assertFalse(Arrays.equals(mainBytes, fx.readAll("f")));
    }

    private static Sattr3 size(long size) {
        return new Sattr3(null, null, null, size, SetTime.DONT_CHANGE, SetTime.DONT_CHANGE);
    }

    private static TreeSet<Integer> toSet(RoaringBitmap b) {
        TreeSet<Integer> out = new TreeSet<>();
        b.forEach((int i) -> out.add(i));
        return out;
    }
}
