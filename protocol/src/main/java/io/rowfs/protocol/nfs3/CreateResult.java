package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/**
 * CREATE3res (RFC 1813 section 3.3.8): OK:
 * {@code post_op_fh3 obj; post_op_attr obj_attributes; wcc_data dir_wcc;} fail:
 * {@code wcc_data dir_wcc;}. {@code object} is null when the server sends no handle.
 */
public record CreateResult(Nfs3Status status, FileHandle object, PostOpAttr objAttributes,
        WccData dirWcc) implements Nfs3Result {
    public CreateResult {
        Results.check(status, objAttributes);
        Objects.requireNonNull(dirWcc, "dirWcc");
    }

    public static CreateResult ok(FileHandle object, PostOpAttr objAttributes, WccData dirWcc) {
        return new CreateResult(Nfs3Status.OK, object, objAttributes, dirWcc);
    }

    public static CreateResult fail(Nfs3Status status, WccData dirWcc) {
        return new CreateResult(Results.failure(status), null, null, dirWcc);
    }

    public static CreateResult decode(XdrDecoder in) {
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
