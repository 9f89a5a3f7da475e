package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/** RENAME3args (RFC 1813 section 3.3.14): {@code diropargs3 from; diropargs3 to;}. */
public record RenameArgs(FileHandle fromDir, Filename fromName, FileHandle toDir, Filename toName)
        implements Nfs3Args {
    public RenameArgs {
        Objects.requireNonNull(fromDir, "fromDir");
        Objects.requireNonNull(fromName, "fromName");
        Objects.requireNonNull(toDir, "toDir");
        Objects.requireNonNull(toName, "toName");
    }

    public static RenameArgs decode(XdrDecoder in) {
        return new RenameArgs(FileHandle.decode(in), Filename.decode(in), FileHandle.decode(in),
                Filename.decode(in));
    }

    @Override
    public void encode(XdrEncoder out) {
        fromDir.encode(out);
        fromName.encode(out);
        toDir.encode(out);
        toName.encode(out);
    }
}
