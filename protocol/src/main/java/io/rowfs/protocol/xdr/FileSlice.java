package io.rowfs.protocol.xdr;

import io.netty.buffer.ByteBuf;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.FileRegion;
import io.netty.util.AbstractReferenceCounted;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * Bytes {@code [position, position+length)} of an open file, to be sent as the end of a message
 * without passing through the JVM: a TCP transport hands them to the kernel with sendfile (page
 * cache to socket, no copy); any other transport copies them in with {@link #readInto}.
 *
 * <p>Ownership: reference counted. Whoever holds the file's bytes in place (say, a cache that must
 * not reuse that part of its file meanwhile) passes {@code onRelease}, run once when the last
 * reference goes. The file itself is never closed here: it belongs to whoever opened it.
 */
public final class FileSlice extends AbstractReferenceCounted {
    private final FileChannel file;
    private final long position;
    private final int length;
    private final Runnable onRelease;

    private FileSlice(FileChannel file, long position, int length, Runnable onRelease) {
        this.file = Objects.requireNonNull(file, "file");
        this.position = position;
        this.length = length;
        this.onRelease = Objects.requireNonNull(onRelease, "onRelease");
    }

    /** A slice holding one reference; {@code onRelease} runs when the last one is released. */
    public static FileSlice of(FileChannel file, long position, int length, Runnable onRelease) {
        if (position < 0 || length < 0) {
            throw new IllegalArgumentException("file slice at " + position + " of " + length + " bytes");
        }
        return new FileSlice(file, position, length, onRelease);
    }

    public int length() {
        return length;
    }

    /** Copies the bytes to {@code dst}'s writer index (which it advances). */
    public void readInto(ByteBuf dst) {
        dst.ensureWritable(length);
        if (dst.nioBufferCount() != 1) { // a composite's view of several components would be a copy
            byte[] bytes = new byte[length];
            readFully(ByteBuffer.wrap(bytes));
            dst.writeBytes(bytes);
            return;
        }
        readFully(dst.nioBuffer(dst.writerIndex(), length));
        dst.writerIndex(dst.writerIndex() + length);
    }

    private void readFully(ByteBuffer view) {
        long pos = position;
        try {
            while (view.hasRemaining()) {
                int n = file.read(view, pos);
                if (n < 0) {
                    throw new IOException("the file ends at " + pos + ", before the slice's end at " + (position + length));
                }
                pos += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading a file slice", e);
        }
    }

    /**
     * The same bytes as a Netty {@link FileRegion} (a {@link DefaultFileRegion}, which the epoll and
     * NIO transports send with sendfile), holding one new reference to this slice until it is
     * released itself.
     */
    public FileRegion region() {
        retain();
        return new SliceRegion();
    }

    @Override
    protected void deallocate() {
        onRelease.run();
    }

    @Override
    public FileSlice touch(Object hint) {
        return this;
    }

    @Override
    public FileSlice retain() {
        super.retain();
        return this;
    }

    /** A region over this slice's bytes that releases the slice instead of closing the file. */
    private final class SliceRegion extends DefaultFileRegion {
        SliceRegion() {
            super(file, position, length);
        }

        @Override
        protected void deallocate() {
            FileSlice.this.release();
        }
    }
}
