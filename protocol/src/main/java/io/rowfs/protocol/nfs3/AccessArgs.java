package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/** ACCESS3args (RFC 1813 section 3.3.4): {@code nfs_fh3 object; uint32 access;} ({@link Access} bits). */
public record AccessArgs(FileHandle object, int access) implements Nfs3Args {
    public AccessArgs {
        Objects.requireNonNull(object, "object");
    }

    public static AccessArgs decode(XdrDecoder in) {
        return new AccessArgs(FileHandle.decode(in), in.readInt());
    }

    @Override
    public void encode(XdrEncoder out) {
        object.encode(out);
        out.writeInt(access);
    }
}
