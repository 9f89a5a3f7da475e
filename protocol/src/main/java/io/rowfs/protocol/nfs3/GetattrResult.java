package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/** GETATTR3res (RFC 1813 section 3.3.1): OK: {@code fattr3 obj_attributes;} fail: void. */
public record GetattrResult(Nfs3Status status, Fattr3 attributes) implements Nfs3Result {
    public GetattrResult {
        Results.check(status, attributes);
    }

    public static GetattrResult ok(Fattr3 attributes) {
        return new GetattrResult(Nfs3Status.OK, attributes);
    }

    public static GetattrResult fail(Nfs3Status status) {
        return new GetattrResult(Results.failure(status), null);
    }

    public static GetattrResult decode(XdrDecoder in) {
        Nfs3Status s = Nfs3Status.decode(in);
        return s.isOk() ? ok(Fattr3.decode(in)) : fail(s);
    }

    @Override
    public void encode(XdrEncoder out) {
        status.encode(out);
        if (status.isOk()) {
            attributes.encode(out);
        }
    }
}
