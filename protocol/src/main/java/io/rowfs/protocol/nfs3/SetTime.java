package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/**
 * set_atime / set_mtime (RFC 1813 section 2.6): a {@link TimeHow} followed by an nfstime3 only
 * for SET_TO_CLIENT_TIME. {@link #time()} is null otherwise.
 */
public record SetTime(TimeHow how, NfsTime3 time) {
    public static final SetTime DONT_CHANGE = new SetTime(TimeHow.DONT_CHANGE, null);
    public static final SetTime SERVER_TIME = new SetTime(TimeHow.SET_TO_SERVER_TIME, null);

    public SetTime {
        Objects.requireNonNull(how, "how");
        if ((how == TimeHow.SET_TO_CLIENT_TIME) != (time != null)) {
            throw new IllegalArgumentException("a time goes with SET_TO_CLIENT_TIME and only with it");
        }
    }

    public static SetTime client(NfsTime3 time) {
        return new SetTime(TimeHow.SET_TO_CLIENT_TIME, Objects.requireNonNull(time, "time"));
    }

    public boolean isSet() {
        return how != TimeHow.DONT_CHANGE;
    }

    public static SetTime decode(XdrDecoder in) {
        return switch (TimeHow.decode(in)) {
            case DONT_CHANGE -> DONT_CHANGE;
            case SET_TO_SERVER_TIME -> SERVER_TIME;
            case SET_TO_CLIENT_TIME -> client(NfsTime3.decode(in));
        };
    }

    public void encode(XdrEncoder out) {
        how.encode(out);
        if (time != null) {
            time.encode(out);
        }
    }
}
