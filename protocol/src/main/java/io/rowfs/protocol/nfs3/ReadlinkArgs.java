package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/** READLINK3args (RFC 1813): {@code nfs_fh3 symlink;}. */
public record ReadlinkArgs(FileHandle symlink) implements Nfs3Args {
    public ReadlinkArgs {
        Objects.requireNonNull(symlink, "symlink");
    }

    public static ReadlinkArgs decode(XdrDecoder in) {
        return new ReadlinkArgs(FileHandle.decode(in));
    }

    @Override
    public void encode(XdrEncoder out) {
        symlink.encode(out);
    }
}
