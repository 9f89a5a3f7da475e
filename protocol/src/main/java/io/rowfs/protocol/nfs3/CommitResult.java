package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/**
 * COMMIT3res (RFC 1813 section 3.3.21): OK: {@code wcc_data file_wcc; writeverf3 verf;} fail:
 * {@code wcc_data file_wcc;}.
 */
public record CommitResult(Nfs3Status status, WccData wcc, Verifier verifier) implements Nfs3Result {
    public CommitResult {
        Results.check(status, verifier);
        Objects.requireNonNull(wcc, "wcc");
    }

    public static CommitResult ok(WccData wcc, Verifier verifier) {
        return new CommitResult(Nfs3Status.OK, wcc, verifier);
    }

    public static CommitResult fail(Nfs3Status status, WccData wcc) {
        return new CommitResult(Results.failure(status), wcc, null);
    }

    public static CommitResult decode(XdrDecoder in) {
        Nfs3Status s = Nfs3Status.decode(in);
        WccData wcc = WccData.decode(in);
        return s.isOk() ? ok(wcc, Verifier.decode(in)) : fail(s, wcc);
    }

    @Override
    public void encode(XdrEncoder out) {
        status.encode(out);
        wcc.encode(out);
        if (status.isOk()) {
            verifier.encode(out);
        }
    }
}
