package io.rowfs.protocol.xdr;

import io.netty.buffer.ByteBuf;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.FileRegion;
import io.netty.util.AbstractReferenceCounted;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Bytes of an open file, one or more ranges of it taken in order, to be sent as the end of a
 * message without passing through the JVM: a TCP transport hands them to the kernel with sendfile
 * (page cache to socket, no copy), one call per range; any other transport copies them in with
 * {@link #readInto}.
 *
 * <p>Ownership: reference counted. Whoever holds the file's bytes in place (say, a cache that must
 * not reuse those parts of its file meanwhile) passes {@code onRelease}, run once when the last
 * reference goes. The file itself is never closed here: it belongs to whoever opened it.
 */
public final class FileSlice extends AbstractReferenceCounted {
    private final FileChannel file;
    private final long[] positions;
    private final int[] lengths;
    private final int length;
    private final Runnable onRelease;

    private FileSlice(FileChannel file, long[] positions, int[] lengths, Runnable onRelease) {
        this.file = Objects.requireNonNull(file, "file");
        this.onRelease = Objects.requireNonNull(onRelease, "onRelease");
        if (positions.length != lengths.length) {
            throw new IllegalArgumentException(positions.length + " positions for " + lengths.length + " lengths");
        }
        long total = 0;
        for (int i = 0; i < positions.length; i++) {
            if (positions[i] < 0 || lengths[i] < 0) {
                throw new IllegalArgumentException("file range at " + positions[i] + " of " + lengths[i] + " bytes");
            }
            total += lengths[i];
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("file slice of " + total + " bytes");
        }
        this.positions = positions.clone();
        this.lengths = lengths.clone();
        this.length = (int) total;
    }

    /** One range; the slice holds one reference, and {@code onRelease} runs when the last one is released. */
    public static FileSlice of(FileChannel file, long position, int length, Runnable onRelease) {
        return new FileSlice(file, new long[] {position}, new int[] {length}, onRelease);
    }

    /** The ranges {@code [positions[i], positions[i]+lengths[i])} in this order, as above. */
    public static FileSlice of(FileChannel file, long[] positions, int[] lengths, Runnable onRelease) {
        return new FileSlice(file, positions, lengths, onRelease);
    }

    /** The number of bytes, all ranges together. */
    public int length() {
        return length;
    }

    /** The number of ranges. */
    public int ranges() {
        return positions.length;
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
        try {
            for (int i = 0; i < positions.length; i++) {
                ByteBuffer range = view.slice(view.position(), lengths[i]);
                long pos = positions[i];
                while (range.hasRemaining()) {
                    int n = file.read(range, pos);
                    if (n < 0) {
                        throw new IOException("the file ends at " + pos + ", before the range's end at "
                                + (positions[i] + lengths[i]));
                    }
                    pos += n;
                }
                view.position(view.position() + lengths[i]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading a file slice", e);
        }
    }

    /**
     * The ranges as Netty {@link FileRegion}s (each a {@link DefaultFileRegion}, which the epoll and
     * NIO transports send with sendfile), each holding one new reference to this slice until it is
     * released itself.
     */
    public List<FileRegion> regions() {
        List<FileRegion> out = new ArrayList<>(positions.length);
        for (int i = 0; i < positions.length; i++) {
            retain();
            out.add(new RangeRegion(positions[i], lengths[i]));
        }
        return out;
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

    /** A region over one range that releases the slice instead of closing the file. */
    private final class RangeRegion extends DefaultFileRegion {
        RangeRegion(long position, int length) {
            super(file, position, length);
        }

        @Override
        protected void deallocate() {
            FileSlice.this.release();
        }
    }
}
