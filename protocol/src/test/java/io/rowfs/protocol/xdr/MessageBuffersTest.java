package io.rowfs.protocol.xdr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import org.junit.jupiter.api.Test;

class MessageBuffersTest {
    private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;

    @Test
    void smallMessageIsOneContiguousBuffer() {
        CompositeByteBuf m = MessageBuffers.newMessage(alloc);
        try {
            for (int i = 0; i < MessageBuffers.FIRST_COMPONENT / 4; i++) {
                m.writeInt(i);
            }
            assertEquals(MessageBuffers.FIRST_COMPONENT, m.readableBytes());
            assertEquals(1, m.nioBufferCount());
            assertEquals(0, m.getInt(0));
            assertEquals(MessageBuffers.FIRST_COMPONENT / 4 - 1, m.getInt(MessageBuffers.FIRST_COMPONENT - 4));
        } finally {
            m.release();
        }
    }

    @Test
    void headerThenAppendedPayloadIsTwoBuffersForOneWritev() {
        CompositeByteBuf m = MessageBuffers.newMessage(alloc);
        ByteBuf payload = alloc.directBuffer(1 << 20).writeZero(1 << 20);
        try {
            new XdrEncoder(m).writeInt(7).writeLong(8).writeInt(1 << 20);
            m.capacity(m.writerIndex());
            m.addComponent(true, payload.retainedDuplicate());
            assertEquals(16 + (1 << 20), m.readableBytes());
            assertEquals(2, m.nioBufferCount());
            assertEquals(16, m.nioBuffers()[0].remaining());
        } finally {
            m.release();
            payload.release();
        }
    }

    @Test
    void growsPastTheFirstComponent() {
        CompositeByteBuf m = MessageBuffers.newMessage(alloc);
        try {
            byte[] big = new byte[5000];
            big[4999] = 42;
            new XdrEncoder(m).writeInt(1).writeOpaque(big);
            assertEquals(4 + 4 + 5000, m.readableBytes());
            assertEquals(42, m.getByte(8 + 4999));
        } finally {
            m.release();
        }
    }

    @Test
    void aMessageOfKnownSizeIsEncodedIntoOneBuffer() {
        CompositeByteBuf m = MessageBuffers.newMessage(alloc, 20_000);
        try {
            XdrEncoder out = new XdrEncoder(m);
            for (int i = 0; i < 5000; i++) {
                out.writeInt(i);
            }
            assertEquals(20_000, m.readableBytes());
            assertEquals(1, m.numComponents(), "no component added while encoding");
            assertEquals(4999, m.getInt(19_996));
        } finally {
            m.release();
        }
    }
}
