package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/**
 * WRITE3res (RFC 1813 section 3.3.7): OK:
 * {@code wcc_data file_wcc; count3 count; stable_how committed; writeverf3 verf;} fail:
 * {@code wcc_data file_wcc;}.
 */
public record WriteResult(Nfs3Status status, WccData wcc, int count, StableHow committed,
        Verifier verifier) implements Nfs3Result {
    public WriteResult {
        Results.check(status, committed, verifier);
        Objects.requireNonNull(wcc, "wcc");
    }

    public static WriteResult ok(WccData wcc, int count, StableHow committed, Verifier verifier) {
        return new WriteResult(Nfs3Status.OK, wcc, count, committed, verifier);
    }

    public static WriteResult fail(Nfs3Status status, WccData wcc) {
        return new WriteResult(Results.failure(status), wcc, 0, null, null);
    }

    public static WriteResult decode(XdrDecoder in) {
        Nfs3Status s = Nfs3Status.decode(in);
        WccData wcc = WccData.decode(in);
        if (!s.isOk()) {
            return fail(s, wcc);
        }
        return ok(wcc, in.readInt(), StableHow.decode(in), Verifier.decode(in));
    }

    @Override
    public void encode(XdrEncoder out) {
        status.encode(out);
        wcc.encode(out);
        if (status.isOk()) {
            out.writeInt(count);
            committed.encode(out);
            verifier.encode(out);
        }
    }
}
