package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/** REMOVE3res (RFC 1813 section 3.3.12): OK and fail both carry {@code wcc_data dir_wcc;}. */
public record RemoveResult(Nfs3Status status, WccData wcc) implements Nfs3Result {
    public RemoveResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(wcc, "wcc");
    }

    public static RemoveResult ok(WccData wcc) {
        return new RemoveResult(Nfs3Status.OK, wcc);
    }

    public static RemoveResult fail(Nfs3Status status, WccData wcc) {
        return new RemoveResult(Results.failure(status), wcc);
    }

    public static RemoveResult decode(XdrDecoder in) {
        return new RemoveResult(Nfs3Status.decode(in), WccData.decode(in));
    }

    @Override
    public void encode(XdrEncoder out) {
        status.encode(out);
        wcc.encode(out);
    }
}
