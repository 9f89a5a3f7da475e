package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/** GETATTR3args (RFC 1813): {@code nfs_fh3 object;}. */
public record GetattrArgs(FileHandle object) implements Nfs3Args {
    public GetattrArgs {
        Objects.requireNonNull(object, "object");
    }

    public static GetattrArgs decode(XdrDecoder in) {
        return new GetattrArgs(FileHandle.decode(in));
    }

    @Override
    public void encode(XdrEncoder out) {
        object.encode(out);
    }
}
