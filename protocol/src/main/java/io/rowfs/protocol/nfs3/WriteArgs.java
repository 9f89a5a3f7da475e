package io.rowfs.protocol.nfs3;

import io.netty.buffer.ByteBuf;
import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import io.rowfs.protocol.xdr.XdrException;
import java.util.Objects;

/**
 * WRITE3args (RFC 1813 section 3.3.7):
 * {@code nfs_fh3 file; offset3 offset; count3 count; stable_how stable; opaque data<>;}.
 *
 * <p>Ownership: the record owns one reference to {@code data}. {@link #decode} takes a retained
 * slice of the request buffer (no copy); whoever holds the record calls {@link #release()} once.
 * On the server, the dispatcher releases it when the service's stage completes: a service that
 * keeps the data longer must {@code retain()} it.
 *
 * <p>Decoding requires {@code count} to equal the data length, as the Linux server does ("request
 * sanity"); a mismatch is an XdrException (GARBAGE_ARGS). The constructor accepts any pair so that
 * tests can build inconsistent requests.
 */
public record WriteArgs(FileHandle file, long offset, int count, StableHow stable, ByteBuf data)
        implements Nfs3Args {
    public WriteArgs {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(stable, "stable");
        Objects.requireNonNull(data, "data");
    }

    /** Arguments whose count is the data's readable bytes; takes over the caller's reference. */
    public static WriteArgs of(FileHandle file, long offset, StableHow stable, ByteBuf data) {
        return new WriteArgs(file, offset, data.readableBytes(), stable, data);
    }

    public static WriteArgs decode(XdrDecoder in) {
        FileHandle file = FileHandle.decode(in);
        long offset = in.readLong();
        int count = in.readInt();
        StableHow stable = StableHow.decode(in);
        ByteBuf data = in.readOpaqueRetainedSlice("WRITE data", Integer.MAX_VALUE);
        if (data.readableBytes() != count) {
            int length = data.readableBytes();
            data.release();
            throw new XdrException("WRITE count " + Integer.toUnsignedString(count)
                    + " differs from its data length " + length);
        }
        return new WriteArgs(file, offset, count, stable, data);
    }

    /** Writes the data without copying when the output is a composite buffer (see {@link Payload}). */
    @Override
    public void encode(XdrEncoder out) {
        file.encode(out);
        out.writeLong(offset).writeInt(count);
        stable.encode(out);
        Payload.write(out, data);
    }

    @Override
    public void release() {
        data.release();
    }
}
