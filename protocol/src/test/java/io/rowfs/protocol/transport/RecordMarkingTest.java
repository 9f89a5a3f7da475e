package io.rowfs.protocol.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecordMarkingTest {
    private EmbeddedChannel channel = new EmbeddedChannel(new RecordMarkingDecoder(1000));

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** {@code record} cut into fragments of {@code size} bytes, each with its header. */
    private static byte[] fragmented(byte[] record, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int off = 0;
        do {
            int n = Math.min(size, record.length - off);
            boolean last = off + n == record.length;
            int h = (last ? 0x8000_0000 : 0) | n;
            out.write(h >>> 24);
            out.write(h >>> 16);
            out.write(h >>> 8);
            out.write(h);
            out.write(record, off, n);
            off += n;
        } while (off < record.length);
        return out.toByteArray();
    }

    private byte[] readRecord() {
        ByteBuf r = channel.readInbound();
        if (r == null) return null;
        try {
            byte[] b = new byte[r.readableBytes()];
            r.readBytes(b);
            return b;
        } finally {
            r.release();
        }
    }

    @Test
    void oneFragmentIsOneRecord() {
        byte[] rec = bytes(100, 1);
        channel.writeInbound(Unpooled.wrappedBuffer(fragmented(rec, 1000)));
        assertArrayEquals(rec, readRecord());
        assertNull(readRecord());
    }

    @Test
    void manyFragmentsAreReassembled() {
        byte[] rec = bytes(999, 2);
        channel.writeInbound(Unpooled.wrappedBuffer(fragmented(rec, 7)));
        assertArrayEquals(rec, readRecord());
    }

    @Test
    void fragmentsSplitByteByByteAcrossReads() {
        byte[] rec1 = bytes(300, 3);
        byte[] rec2 = bytes(1, 4);
        byte[] wire = concat(fragmented(rec1, 13), fragmented(rec2, 1));
        for (byte b : wire) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertArrayEquals(rec1, readRecord());
        assertArrayEquals(rec2, readRecord());
        assertNull(readRecord());
        assertTrue(channel.isOpen());
    }

    @Test
    void recordAtTheCapPasses() {
        byte[] rec = bytes(1000, 5);
        channel.writeInbound(Unpooled.wrappedBuffer(fragmented(rec, 333)));
        assertArrayEquals(rec, readRecord());
        assertTrue(channel.isOpen());
    }

    @Test
    void recordOverTheCapClosesBeforeItsBytesArrive() {
        byte[] wire = fragmented(bytes(1001, 6), 600);
        // fragment 1 (600 bytes) and the header of fragment 2 (401): 1001 > 1000 is known now
        channel.writeInbound(Unpooled.wrappedBuffer(wire, 0, 4 + 600 + 4));
        assertFalse(channel.isOpen());
        assertNull(readRecord());
    }

    @Test
    void singleFragmentOverTheCapClosesAtItsHeader() {
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}));
        assertFalse(channel.isOpen());
    }

    @Test
    void emptyFragmentThatIsNotLastCloses() {
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 0}));
        assertFalse(channel.isOpen());
    }

    @Test
    void emptyLastFragmentEndsTheRecord() {
        byte[] rec = bytes(8, 7);
        byte[] first = fragmented(rec, 8);
        first[0] = 0; // not last
        byte[] wire = concat(first, new byte[] {(byte) 0x80, 0, 0, 0});
        channel.writeInbound(Unpooled.wrappedBuffer(wire));
        assertArrayEquals(rec, readRecord());
    }

    /** Feeds {@code wire} to a decoder with a 2 MiB cap in reads of {@code readSize} bytes. */
    private static ByteBuf decodeInReads(byte[] wire, int readSize) {
        EmbeddedChannel ch = new EmbeddedChannel(new RecordMarkingDecoder(2 << 20));
        try {
            for (int off = 0; off < wire.length; off += readSize) {
                ByteBuf piece = ch.alloc().directBuffer(readSize);
                piece.writeBytes(wire, off, Math.min(readSize, wire.length - off));
                ch.writeInbound(piece);
            }
            ByteBuf record = ch.readInbound();
            assertNull(ch.readInbound());
            return record;
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    private static void assertContent(byte[] expected, ByteBuf record) {
        byte[] got = new byte[record.readableBytes()];
        record.getBytes(record.readerIndex(), got);
        assertArrayEquals(expected, got);
    }

    @Test
    void largeRecordInSocketSizedReadsIsKeptAsSlicesNotCopies() {
        byte[] rec = bytes(1 << 20, 10);
        ByteBuf record = decodeInReads(fragmented(rec, 1 << 20), 65536);
        try {
            assertContent(rec, record);
            // one component per read (17 reads: the 4-byte mark shifts the last one), no copies
            assertTrue(record instanceof io.netty.buffer.CompositeByteBuf c && c.numComponents() <= 17,
                    "components: " + record);
        } finally {
            record.release();
        }
    }

    @Test
    void dribbledLargeRecordIsCopiedIntoFewComponents() {
        byte[] rec = bytes(300_000, 11);
        ByteBuf record = decodeInReads(fragmented(rec, 100_003), 1000);
        try {
            assertContent(rec, record);
            int components = ((io.netty.buffer.CompositeByteBuf) record).numComponents();
            // full MIN_SLICE tails plus one partial tail per fragment
            assertTrue(components <= 300_000 / RecordMarkingDecoder.MIN_SLICE + 3, "components: " + components);
        } finally {
            record.release();
        }
    }

    @Test
    void mixedReadSizesAcrossFragmentBoundaries() {
        byte[] rec1 = bytes(200_000, 12);
        byte[] rec2 = bytes(50, 13);
        byte[] rec3 = bytes(70_000, 14);
        byte[] wire = concat(concat(fragmented(rec1, 30_001), fragmented(rec2, 7)), fragmented(rec3, 70_000));
        EmbeddedChannel ch = new EmbeddedChannel(new RecordMarkingDecoder(2 << 20));
        Random r = new Random(15);
        for (int off = 0; off < wire.length; ) {
            int n = Math.min(wire.length - off, r.nextBoolean() ? 1 + r.nextInt(100) : 1 + r.nextInt(40_000));
            ch.writeInbound(Unpooled.wrappedBuffer(wire, off, n));
            off += n;
        }
        for (byte[] expected : new byte[][] {rec1, rec2, rec3}) {
            ByteBuf got = ch.readInbound();
            try {
                assertContent(expected, got);
            } finally {
                got.release();
            }
        }
        assertNull(ch.readInbound());
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void connectionClosedMidRecordReleasesWhatWasBuffered() {
        byte[] wire = fragmented(bytes(100_000, 16), 100_000);
        EmbeddedChannel ch = new EmbeddedChannel(new RecordMarkingDecoder(2 << 20));
        ch.writeInbound(Unpooled.wrappedBuffer(wire, 0, 50_000));
        ch.writeInbound(Unpooled.wrappedBuffer(wire, 50_000, 100));
        assertNull(ch.readInbound());
        assertFalse(ch.finishAndReleaseAll()); // leak detection (paranoid) catches an unreleased piece
    }

    @Test
    void encoderWritesOneLastFragment() {
        EmbeddedChannel out = new EmbeddedChannel(RecordMarkingEncoder.INSTANCE);
        byte[] rec = bytes(10, 8);
        out.writeOutbound(Unpooled.wrappedBuffer(rec));
        ByteBuf header = out.readOutbound();
        ByteBuf body = out.readOutbound();
        assertEquals(0x8000_000A, header.readInt());
        byte[] got = new byte[body.readableBytes()];
        body.readBytes(got);
        assertArrayEquals(rec, got);
        header.release();
        body.release();
        assertFalse(out.finish());
    }

    @Test
    void encoderOutputDecodesBack() {
        EmbeddedChannel out = new EmbeddedChannel(RecordMarkingEncoder.INSTANCE);
        byte[] rec = bytes(500, 9);
        out.writeOutbound(Unpooled.wrappedBuffer(rec));
        for (Object m; (m = out.readOutbound()) != null; ) {
            channel.writeInbound(m);
        }
        assertArrayEquals(rec, readRecord());
        out.finishAndReleaseAll();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
