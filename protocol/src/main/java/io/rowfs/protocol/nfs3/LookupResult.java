package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/**
 * LOOKUP3res (RFC 1813 section 3.3.3): OK:
 * {@code nfs_fh3 object; post_op_attr obj_attributes; post_op_attr dir_attributes;} fail:
 * {@code post_op_attr dir_attributes;}.
 */
public record LookupResult(Nfs3Status status, FileHandle object, PostOpAttr objAttributes,
        PostOpAttr dirAttributes) implements Nfs3Result {
    public LookupResult {
        Results.check(status, object, objAttributes);
        Objects.requireNonNull(dirAttributes, "dirAttributes");
    }

    public static LookupResult ok(FileHandle object, PostOpAttr objAttributes, PostOpAttr dirAttributes) {
        return new LookupResult(Nfs3Status.OK, object, objAttributes, dirAttributes);
    }

    public static LookupResult fail(Nfs3Status status, PostOpAttr dirAttributes) {
        return new LookupResult(Results.failure(status), null, null, dirAttributes);
    }

    public static LookupResult decode(XdrDecoder in) {
        Nfs3Status s = Nfs3Status.decode(in);
        if (!s.isOk()) {
            return fail(s, PostOpAttr.decode(in));
        }
        return ok(FileHandle.decode(in), PostOpAttr.decode(in), PostOpAttr.decode(in));
    }

    @Override
    public void encode(XdrEncoder out) {
        status.encode(out);
        if (status.isOk()) {
            object.encode(out);
            objAttributes.encode(out);
        }
        dirAttributes.encode(out);
    }
}
