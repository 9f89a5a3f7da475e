package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/** COMMIT3args (RFC 1813 section 3.3.21): {@code nfs_fh3 file; offset3 offset; count3 count;}. */
public record CommitArgs(FileHandle file, long offset, int count) implements Nfs3Args {
    public CommitArgs {
        Objects.requireNonNull(file, "file");
    }

    public static CommitArgs decode(XdrDecoder in) {
        return new CommitArgs(FileHandle.decode(in), in.readLong(), in.readInt());
    }

    @Override
    public void encode(XdrEncoder out) {
        file.encode(out);
        out.writeLong(offset).writeInt(count);
    }
}
