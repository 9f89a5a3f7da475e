package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/**
 * MKDIR3res (RFC 1813 section 3.3.9): OK:
 * {@code post_op_fh3 obj; post_op_attr obj_attributes; wcc_data dir_wcc;} fail:
 * {@code wcc_data dir_wcc;}. {@code object} is null when the server sends no handle.
 */
public record MkdirResult(Nfs3Status status, FileHandle object, PostOpAttr objAttributes,
        WccData dirWcc) implements Nfs3Result {
    public MkdirResult {
        Results.check(status, objAttributes);
        Objects.requireNonNull(dirWcc, "dirWcc");
    }

    public static MkdirResult ok(FileHandle object, PostOpAttr objAttributes, WccData dirWcc) {
        return new MkdirResult(Nfs3Status.OK, object, objAttributes, dirWcc);
    }

    public static MkdirResult fail(Nfs3Status status, WccData dirWcc) {
        return new MkdirResult(Results.failure(status), null, null, dirWcc);
    }

    public static MkdirResult decode(XdrDecoder in) {
        Nfs3Status s = Nfs3Status.decode(in);
        if (!s.isOk()) {
            return fail(s, WccData.decode(in));
        }
        return ok(PostOpFh.decode(in), PostOpAttr.decode(in), WccData.decode(in));
    }

    @Override
    public void encode(XdrEncoder out) {
        status.encode(out);
        if (status.isOk()) {
            PostOpFh.encode(out, object);
            objAttributes.encode(out);
        }
        dirWcc.encode(out);
    }
}
