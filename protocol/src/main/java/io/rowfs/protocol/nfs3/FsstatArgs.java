package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/** FSSTAT3args (RFC 1813): {@code nfs_fh3 root;}. */
public record FsstatArgs(FileHandle root) implements Nfs3Args {
    public FsstatArgs {
        Objects.requireNonNull(root, "root");
    }

    public static FsstatArgs decode(XdrDecoder in) {
        return new FsstatArgs(FileHandle.decode(in));
    }

    @Override
    public void encode(XdrEncoder out) {
        root.encode(out);
    }
}
