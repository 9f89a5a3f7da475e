package io.rowfs.protocol.xdr;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Writes XDR items to a {@link ByteBuf}. Not thread-safe; never releases the buffer. */
public final class XdrEncoder {
    private static final byte[] ZEROS = new byte[4];
    private final ByteBuf buf;

    public XdrEncoder(ByteBuf buf) {
        this.buf = buf;
    }

    public ByteBuf buffer() {
        return buf;
    }

    public XdrEncoder writeInt(int v) {
        buf.writeInt(v);
        return this;
    }

    public XdrEncoder writeUnsignedInt(long v) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("unsigned int out of range: " + v);
        }
        buf.writeInt((int) v);
        return this;
    }

    public XdrEncoder writeLong(long v) {
        buf.writeLong(v);
        return this;
    }

    public XdrEncoder writeBoolean(boolean v) {
        buf.writeInt(v ? 1 : 0);
        return this;
    }

    public XdrEncoder writeFixedOpaque(byte[] data) {
        buf.writeBytes(data);
        pad(data.length);
        return this;
    }

    public XdrEncoder writeOpaque(byte[] data) {
        buf.writeInt(data.length);
        return writeFixedOpaque(data);
    }

    /** Writes {@code data}'s readable bytes as variable-length opaque without moving its reader index. */
    public XdrEncoder writeOpaque(ByteBuf data) {
        int len = data.readableBytes();
        buf.writeInt(len);
        buf.writeBytes(data, data.readerIndex(), len);
        pad(len);
        return this;
    }

    public XdrEncoder writeString(String s) {
        return writeOpaque(s.getBytes(StandardCharsets.UTF_8));
    }

    private void pad(int len) {
        buf.writeBytes(ZEROS, 0, XdrDecoder.padding(len));
    }
}
