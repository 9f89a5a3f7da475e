package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/** LINK3args (RFC 1813 section 3.3.15): {@code nfs_fh3 file; diropargs3 link;}. */
public record LinkArgs(FileHandle file, FileHandle dir, Filename name) implements Nfs3Args {
    public LinkArgs {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(name, "name");
    }

    public static LinkArgs decode(XdrDecoder in) {
        return new LinkArgs(FileHandle.decode(in), FileHandle.decode(in), Filename.decode(in));
    }

    @Override
    public void encode(XdrEncoder out) {
        file.encode(out);
        dir.encode(out);
        name.encode(out);
    }
}
