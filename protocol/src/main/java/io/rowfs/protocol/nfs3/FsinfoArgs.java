package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/** FSINFO3args (RFC 1813): {@code nfs_fh3 root;}. */
public record FsinfoArgs(FileHandle root) implements Nfs3Args {
    public FsinfoArgs {
        Objects.requireNonNull(root, "root");
    }

    public static FsinfoArgs decode(XdrDecoder in) {
        return new FsinfoArgs(FileHandle.decode(in));
    }

    @Override
    public void encode(XdrEncoder out) {
        root.encode(out);
    }
}
