package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/** REMOVE3args (RFC 1813): {@code diropargs3 what;} = {@code nfs_fh3 dir; filename3 name;}. */
public record RemoveArgs(FileHandle dir, Filename name) implements Nfs3Args {
    public RemoveArgs {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(name, "name");
    }

    public static RemoveArgs decode(XdrDecoder in) {
        return new RemoveArgs(FileHandle.decode(in), Filename.decode(in));
    }

    @Override
    public void encode(XdrEncoder out) {
        dir.encode(out);
        name.encode(out);
    }
}
