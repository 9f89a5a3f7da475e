package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;

/** time_how (RFC 1813 section 2.6): DONT_CHANGE = 0, SET_TO_SERVER_TIME = 1, SET_TO_CLIENT_TIME = 2. */
public enum TimeHow {
    DONT_CHANGE, SET_TO_SERVER_TIME, SET_TO_CLIENT_TIME;

    public static TimeHow decode(XdrDecoder in) {
        return values()[in.readEnum("time_how", 3)];
    }

    public void encode(XdrEncoder out) {
        out.writeInt(ordinal());
    }
}
