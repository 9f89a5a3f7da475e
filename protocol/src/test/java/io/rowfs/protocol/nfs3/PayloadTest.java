package io.rowfs.protocol.nfs3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import org.junit.jupiter.api.Test;

/** READ/WRITE payload ownership and zero-copy encoding. */
class PayloadTest {
    private static final PooledByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;

    private static ByteBuf pooledData(int len) {
        ByteBuf b = ALLOC.directBuffer(len);
        for (int i = 0; i < len; i++) {
            b.writeByte(i);
        }
        return b;
    }

    @Test
    void readResultIntoCompositeAddsTheDataAsAComponentWithoutCopy() {
        ByteBuf data = pooledData(4097);
        ReadResult result = ReadResult.ok(PostOpAttr.ABSENT, true, data);
        CompositeByteBuf out = ALLOC.compositeDirectBuffer();
        try {
            out.addComponent(true, ALLOC.directBuffer(64).writeZero(64));
            result.encode(new XdrEncoder(out));
            assertEquals(2, data.refCnt(), "the encoder took its own reference");
            int at = 64 + 4 + 4 + 4 + 4 + 4 + 100; // status, attrs, count, eof, length
            assertEquals(100, out.getByte(at));
            data.setByte(100, 77);
            assertEquals(77, out.getByte(at), "the payload is shared with the reply, not copied");
            data.setByte(100, 100);
            out.skipBytes(64);
            assertEquals(4 + 4 + 4 + 4 + 4 + 4097 + 3, out.readableBytes());
            ReadResult decoded = ReadResult.decode(new XdrDecoder(out));
            try {
                assertEquals(result, decoded);
            } finally {
                decoded.release();
            }
        } finally {
            out.release();
            result.release();
        }
        assertEquals(0, data.refCnt());
    }

    @Test
    void smallPayloadsAreCopiedEvenIntoComposites() {
        ByteBuf data = pooledData(10);
        WriteArgs args = WriteArgs.of(Nfs3Samples.handle(), 0, StableHow.UNSTABLE, data);
        CompositeByteBuf out = ALLOC.compositeDirectBuffer();
        try {
            args.encode(new XdrEncoder(out));
            assertEquals(1, data.refCnt());
        } finally {
            out.release();
            args.release();
        }
        assertEquals(0, data.refCnt());
    }

    @Test
    void decodedWriteDataIsARetainedSliceOfTheRequest() {
        ByteBuf data = pooledData(3000);
        WriteArgs args = WriteArgs.of(Nfs3Samples.handle(), 5, StableHow.DATA_SYNC, data);
        ByteBuf wire = ALLOC.directBuffer();
        args.encode(new XdrEncoder(wire));
        args.release();
        WriteArgs decoded = WriteArgs.decode(new XdrDecoder(wire));
        wire.release();
        assertEquals(1, wire.refCnt(), "the decoded data keeps the request buffer alive");
        assertEquals(3000, decoded.data().readableBytes());
        assertEquals(0, ByteBufUtil.compare(decoded.data(), pooledDataView(3000)));
        decoded.release();
        assertEquals(0, wire.refCnt());
    }

    private static ByteBuf pooledDataView(int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) i;
        }
        return io.netty.buffer.Unpooled.wrappedBuffer(b);
    }
}
