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
