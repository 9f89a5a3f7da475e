package io.rowfs.protocol.xdr;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads XDR items from a {@link ByteBuf}, checking every length before use. Not thread-safe: one
 * decoder belongs to one message on one thread. The decoder never releases the buffer.
 */
public final class XdrDecoder {
    private final ByteBuf buf;
    private final XdrLimits limits;

    public XdrDecoder(ByteBuf buf) {
        this(buf, XdrLimits.DEFAULT);
    }

    public XdrDecoder(ByteBuf buf, XdrLimits limits) {
        this.buf = buf;
        this.limits = limits;
    }

    public ByteBuf buffer() {
        return buf;
    }

    public XdrLimits limits() {
        return limits;
    }

    public int remaining() {
        return buf.readableBytes();
    }

    public int readInt() {
        need(4, "int");
        return buf.readInt();
    }

    /** An XDR unsigned int as a non-negative long. */
    public long readUnsignedInt() {
        need(4, "unsigned int");
        return buf.readUnsignedInt();
    }

    /** An XDR hyper or unsigned hyper (callers treat unsigned values with Long.compareUnsigned). */
    public long readLong() {
        need(8, "hyper");
        return buf.readLong();
    }

    public boolean readBoolean() {
        int v = readInt();
        if (v == 0) return false;
        if (v == 1) return true;
        throw new XdrException("bool must be 0 or 1, got " + v);
    }

    /** An enum value that must be one of {@code 0..count-1}. */
    public int readEnum(String what, int count) {
        int v = readInt();
        if (v < 0 || v >= count) {
            throw new XdrException(what + " must be in [0, " + (count - 1) + "], got " + v);
        }
        return v;
    }

    /** A counted array length, checked against the limit and against the bytes left (min 4 each). */
    public int readArrayLength(String what, int max) {
        long n = readUnsignedInt();
        int cap = Math.min(max, limits.maxArrayElements());
        if (n > cap) {
            throw new XdrException(what + " has " + n + " elements, at most " + cap + " allowed");
        }
        return (int) n;
    }

    /** Fixed-length opaque[len] including its padding. */
    public byte[] readFixedOpaque(int len) {
        byte[] out = new byte[len];
        need(padded(len), "opaque[" + len + "]");
        buf.readBytes(out);
        skipPadding(len);
        return out;
    }

    /** Variable-length opaque&lt;max&gt;, bounded by {@code max} and by the decoder's limit. */
    public byte[] readOpaque(String what, int max) {
        int len = readLength(what, Math.min(max, limits.maxOpaque()));
        byte[] out = new byte[len];
        buf.readBytes(out);
        skipPadding(len);
        return out;
    }

    /**
     * Variable-length opaque returned as a retained slice of the underlying buffer (no copy), for
     * WRITE and READ payloads. The caller owns the returned reference and must release it.
     */
    public ByteBuf readOpaqueRetainedSlice(String what, int max) {
        int len = readLength(what, Math.min(max, limits.maxOpaque()));
        ByteBuf slice = buf.readRetainedSlice(len);
        skipPadding(len);
        return slice;
    }

    /** An XDR string, decoded as UTF-8 (invalid sequences become U+FFFD). */
    public String readString(String what, int max) {
        int len = readLength(what, Math.min(max, limits.maxString()));
        String s = buf.toString(buf.readerIndex(), len, StandardCharsets.UTF_8);
        buf.skipBytes(len);
        skipPadding(len);
        return s;
    }

    /** An XDR string kept as raw bytes (file names are bytes, not necessarily UTF-8). */
    public byte[] readStringBytes(String what, int max) {
        int len = readLength(what, Math.min(max, limits.maxString()));
        byte[] out = new byte[len];
        buf.readBytes(out);
        skipPadding(len);
        return out;
    }

    private int readLength(String what, int max) {
        long len = readUnsignedInt();
        if (len > max) {
            throw new XdrException(what + " length " + len + " exceeds the limit of " + max + " bytes");
        }
        need(padded((int) len), what + " of " + len + " bytes");
        return (int) len;
    }

    private void need(int bytes, String what) {
        if (buf.readableBytes() < bytes) {
            throw new XdrException("truncated " + what + ": need " + bytes + " bytes, "
                    + buf.readableBytes() + " left");
        }
    }

    private void skipPadding(int len) {
        buf.skipBytes(padding(len));
    }

    /** Bytes of zero padding that follow {@code len} bytes of opaque data. */
    static int padding(int len) {
        return (4 - (len & 3)) & 3;
    }

    static int padded(int len) {
        return len + padding(len);
    }
}
