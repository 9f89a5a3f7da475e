package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/** CREATE3args (RFC 1813 section 3.3.8): {@code diropargs3 where; createhow3 how;}. */
public record CreateArgs(FileHandle dir, Filename name, CreateHow how) implements Nfs3Args {
    public CreateArgs {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(how, "how");
    }

    public static CreateArgs decode(XdrDecoder in) {
        return new CreateArgs(FileHandle.decode(in), Filename.decode(in), CreateHow.decode(in));
    }

    @Override
    public void encode(XdrEncoder out) {
        dir.encode(out);
        name.encode(out);
        how.encode(out);
    }
}
