package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/** PATHCONF3args (RFC 1813): {@code nfs_fh3 object;}. */
public record PathconfArgs(FileHandle object) implements Nfs3Args {
    public PathconfArgs {
        Objects.requireNonNull(object, "object");
    }

    public static PathconfArgs decode(XdrDecoder in) {
        return new PathconfArgs(FileHandle.decode(in));
    }

    @Override
    public void encode(XdrEncoder out) {
        object.encode(out);
    }
}
