package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;

/** stable_how (RFC 1813 section 3.3.7): UNSTABLE = 0, DATA_SYNC = 1, FILE_SYNC = 2. */
public enum StableHow {
    UNSTABLE, DATA_SYNC, FILE_SYNC;

    public static StableHow decode(XdrDecoder in) {
        return values()[in.readEnum("stable_how", 3)];
    }

    public void encode(XdrEncoder out) {
        out.writeInt(ordinal());
    }
}
