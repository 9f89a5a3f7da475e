package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/** RMDIR3res (RFC 1813 section 3.3.13): OK and fail both carry {@code wcc_data dir_wcc;}. */
public record RmdirResult(Nfs3Status status, WccData wcc) implements Nfs3Result {
    public RmdirResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(wcc, "wcc");
    }

    public static RmdirResult ok(WccData wcc) {
        return new RmdirResult(Nfs3Status.OK, wcc);
    }

    public static RmdirResult fail(Nfs3Status status, WccData wcc) {
        return new RmdirResult(Results.failure(status), wcc);
    }

    public static RmdirResult decode(XdrDecoder in) {
        return new RmdirResult(Nfs3Status.decode(in), WccData.decode(in));
    }

    @Override
    public void encode(XdrEncoder out) {
        status.encode(out);
        wcc.encode(out);
    }
}
