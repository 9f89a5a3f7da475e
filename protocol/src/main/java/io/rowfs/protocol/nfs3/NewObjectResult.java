package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/**
 * The result of the four procedures that make a new object, which RFC 1813 defines alike:
 * CREATE3res (section 3.3.8), MKDIR3res (3.3.9), SYMLINK3res (3.3.10) and MKNOD3res (3.3.11).
 * OK: {@code post_op_fh3 obj; post_op_attr obj_attributes; wcc_data dir_wcc;} fail:
 * {@code wcc_data dir_wcc;}. {@code object} is null when the server sends no handle.
 */
public record NewObjectResult(Nfs3Status status, FileHandle object, PostOpAttr objAttributes,
        WccData dirWcc) implements Nfs3Result {
    public NewObjectResult {
        Results.check(status, objAttributes);
        Objects.requireNonNull(dirWcc, "dirWcc");
    }

    public static NewObjectResult ok(FileHandle object, PostOpAttr objAttributes, WccData dirWcc) {
        return new NewObjectResult(Nfs3Status.OK, object, objAttributes, dirWcc);
    }

    public static NewObjectResult fail(Nfs3Status status, WccData dirWcc) {
        return new NewObjectResult(Results.failure(status), null, null, dirWcc);
    }

    public static NewObjectResult decode(XdrDecoder in) {
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
