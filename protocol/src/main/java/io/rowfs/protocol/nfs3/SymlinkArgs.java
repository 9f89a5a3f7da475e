package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/**
 * SYMLINK3args (RFC 1813 section 3.3.10): {@code diropargs3 where; symlinkdata3 symlink;} with
 * symlinkdata3 = {@code sattr3 symlink_attributes; nfspath3 symlink_data;}.
 */
public record SymlinkArgs(FileHandle dir, Filename name, Sattr3 attributes, NfsPath data)
        implements Nfs3Args {
    public SymlinkArgs {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(data, "data");
    }

    public static SymlinkArgs decode(XdrDecoder in) {
        return new SymlinkArgs(FileHandle.decode(in), Filename.decode(in), Sattr3.decode(in),
                NfsPath.decode(in));
    }

    @Override
    public void encode(XdrEncoder out) {
        dir.encode(out);
        name.encode(out);
        attributes.encode(out);
        data.encode(out);
    }
}
