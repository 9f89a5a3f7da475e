package io.rowfs.protocol.nfs3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.function.Consumer;
import java.util.function.Function;

/** Encode/decode helpers for codec tests; every buffer they allocate is released. */
final class Codec {
    private Codec() {}

    static byte[] bytes(Consumer<XdrEncoder> writer) {
        ByteBuf buf = Unpooled.buffer();
        try {
            writer.accept(new XdrEncoder(buf));
            byte[] out = new byte[buf.readableBytes()];
            buf.readBytes(out);
            return out;
        } finally {
            buf.release();
        }
    }

    /** Decodes {@code wire} and checks that every byte was consumed. */
    static <T> T decode(byte[] wire, Function<XdrDecoder, T> decoder) {
        ByteBuf buf = Unpooled.wrappedBuffer(wire);
        try {
            XdrDecoder in = new XdrDecoder(buf);
            T value = decoder.apply(in);
            assertEquals(0, in.remaining(), "bytes left after decoding " + value);
            return value;
        } finally {
            buf.release();
        }
    }
}
