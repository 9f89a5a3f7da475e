package io.rowfs.protocol.xdr;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Writes XDR items to a {@link ByteBuf}. Not thread-safe; never releases the buffer.
 *
 * <p>A message may end in opaque data that stays in a file ({@link #writeOpaqueTail}): the buffer
 * then holds everything up to the data's length word, and whoever sends the message appends the
 * file's bytes and their padding ({@link #tailPadding}); nothing may be written after them.
 */
public final class XdrEncoder {
    private static final byte[] ZEROS = new byte[4];
    private final ByteBuf buf;
    /** The file bytes the message ends with, or null; borrowed from the caller of writeOpaqueTail. */
    private FileSlice tail;
    /** The buffer's writer index when the tail was set: nothing may be written after it. */
    private int tailAt;

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

    /**
     * Ends the message with {@code file}'s bytes as variable-length opaque data: writes the length
     * word now and leaves the bytes (and their padding) to the sender, who finds them at
     * {@link #tail()}. The slice is borrowed, not retained: the caller keeps it alive until sent.
     */
    public XdrEncoder writeOpaqueTail(FileSlice file) {
        if (tail != null) {
            throw new IllegalStateException("a message ends in one file slice at most");
        }
        buf.writeInt(file.length());
        tail = file;
        tailAt = buf.writerIndex();
        return this;
    }

    /**
     * The file bytes the message ends with, or null.
     *
     * @throws IllegalStateException if anything was written after them
     */
    public FileSlice tail() {
        if (tail != null && buf.writerIndex() != tailAt) {
            throw new IllegalStateException((buf.writerIndex() - tailAt) + " bytes written after a file tail");
        }
        return tail;
    }

    /** The XDR padding that follows {@code tail}'s bytes: 0 to 3 zero bytes. */
    public static int tailPadding(FileSlice tail) {
        return XdrDecoder.padding(tail.length());
    }

    /** {@code n} (0-3) zero bytes of XDR padding. */
    public static void writePadding(ByteBuf dst, int n) {
        dst.writeBytes(ZEROS, 0, n);
    }

    public XdrEncoder writeString(String s) {
        return writeOpaque(s.getBytes(StandardCharsets.UTF_8));
    }

    private void pad(int len) {
        buf.writeBytes(ZEROS, 0, XdrDecoder.padding(len));
    }
}
