package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/** MKDIR3args (RFC 1813 section 3.3.9): {@code diropargs3 where; sattr3 attributes;}. */
public record MkdirArgs(FileHandle dir, Filename name, Sattr3 attributes) implements Nfs3Args {
    public MkdirArgs {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(attributes, "attributes");
    }

    public static MkdirArgs decode(XdrDecoder in) {
        return new MkdirArgs(FileHandle.decode(in), Filename.decode(in), Sattr3.decode(in));
    }

    @Override
    public void encode(XdrEncoder out) {
        dir.encode(out);
        name.encode(out);
        attributes.encode(out);
    }
}
