package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/** wcc_attr (RFC 1813 section 2.6): {@code uint64 size; nfstime3 mtime; nfstime3 ctime;}. */
public record WccAttr(long size, NfsTime3 mtime, NfsTime3 ctime) {
    public WccAttr {
        Objects.requireNonNull(mtime, "mtime");
        Objects.requireNonNull(ctime, "ctime");
    }

    public static WccAttr decode(XdrDecoder in) {
        return new WccAttr(in.readLong(), NfsTime3.decode(in), NfsTime3.decode(in));
    }

    public void encode(XdrEncoder out) {
        out.writeLong(size);
        mtime.encode(out);
        ctime.encode(out);
    }
}
