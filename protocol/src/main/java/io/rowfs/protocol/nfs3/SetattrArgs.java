package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/**
 * SETATTR3args (RFC 1813 section 3.3.2):
 * {@code nfs_fh3 object; sattr3 new_attributes; sattrguard3 guard;} where sattrguard3 is
 * {@code bool check; nfstime3 obj_ctime;} when true. {@code guardCtime} is null when unchecked.
 */
public record SetattrArgs(FileHandle object, Sattr3 attributes, NfsTime3 guardCtime)
        implements Nfs3Args {
    public SetattrArgs {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(attributes, "attributes");
    }

    public static SetattrArgs decode(XdrDecoder in) {
        FileHandle object = FileHandle.decode(in);
        Sattr3 attributes = Sattr3.decode(in);
        return new SetattrArgs(object, attributes, in.readBoolean() ? NfsTime3.decode(in) : null);
    }

    @Override
    public void encode(XdrEncoder out) {
        object.encode(out);
        attributes.encode(out);
        out.writeBoolean(guardCtime != null);
        if (guardCtime != null) {
            guardCtime.encode(out);
        }
    }
}
