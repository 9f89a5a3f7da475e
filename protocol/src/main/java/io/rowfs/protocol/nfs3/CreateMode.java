package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;

/** createmode3 (RFC 1813 section 3.3.8): UNCHECKED = 0, GUARDED = 1, EXCLUSIVE = 2. */
public enum CreateMode {
    UNCHECKED, GUARDED, EXCLUSIVE;

    public static CreateMode decode(XdrDecoder in) {
        return values()[in.readEnum("createmode3", 3)];
    }

    public void encode(XdrEncoder out) {
        out.writeInt(ordinal());
    }
}
