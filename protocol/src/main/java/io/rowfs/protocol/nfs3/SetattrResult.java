package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/** SETATTR3res (RFC 1813 section 3.3.2): OK and fail both carry {@code wcc_data obj_wcc;}. */
public record SetattrResult(Nfs3Status status, WccData wcc) implements Nfs3Result {
    public SetattrResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(wcc, "wcc");
    }

    public static SetattrResult ok(WccData wcc) {
        return new SetattrResult(Nfs3Status.OK, wcc);
    }

    public static SetattrResult fail(Nfs3Status status, WccData wcc) {
        return new SetattrResult(Results.failure(status), wcc);
    }

    public static SetattrResult decode(XdrDecoder in) {
        return new SetattrResult(Nfs3Status.decode(in), WccData.decode(in));
    }

    @Override
    public void encode(XdrEncoder out) {
        status.encode(out);
        wcc.encode(out);
    }
}
