package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/**
 * RENAME3res (RFC 1813 section 3.3.14): OK and fail both carry
 * {@code wcc_data fromdir_wcc; wcc_data todir_wcc;}.
 */
public record RenameResult(Nfs3Status status, WccData fromDirWcc, WccData toDirWcc)
        implements Nfs3Result {
    public RenameResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(fromDirWcc, "fromDirWcc");
        Objects.requireNonNull(toDirWcc, "toDirWcc");
    }

    public static RenameResult ok(WccData fromDirWcc, WccData toDirWcc) {
        return new RenameResult(Nfs3Status.OK, fromDirWcc, toDirWcc);
    }

    public static RenameResult fail(Nfs3Status status, WccData fromDirWcc, WccData toDirWcc) {
        return new RenameResult(Results.failure(status), fromDirWcc, toDirWcc);
    }

    public static RenameResult decode(XdrDecoder in) {
        return new RenameResult(Nfs3Status.decode(in), WccData.decode(in), WccData.decode(in));
    }

    @Override
    public void encode(XdrEncoder out) {
        status.encode(out);
        fromDirWcc.encode(out);
        toDirWcc.encode(out);
    }
}
