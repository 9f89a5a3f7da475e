package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/**
 * ACCESS3res (RFC 1813 section 3.3.4): OK: {@code post_op_attr obj_attributes; uint32 access;}
 * fail: {@code post_op_attr obj_attributes;}.
 */
public record AccessResult(Nfs3Status status, PostOpAttr attributes, int access)
        implements Nfs3Result {
    public AccessResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(attributes, "attributes");
    }

    public static AccessResult ok(PostOpAttr attributes, int access) {
        return new AccessResult(Nfs3Status.OK, attributes, access);
    }

    public static AccessResult fail(Nfs3Status status, PostOpAttr attributes) {
        return new AccessResult(Results.failure(status), attributes, 0);
    }

    public static AccessResult decode(XdrDecoder in) {
        Nfs3Status s = Nfs3Status.decode(in);
        PostOpAttr attributes = PostOpAttr.decode(in);
        return s.isOk() ? ok(attributes, in.readInt()) : fail(s, attributes);
    }

    @Override
    public void encode(XdrEncoder out) {
        status.encode(out);
        attributes.encode(out);
        if (status.isOk()) {
            out.writeInt(access);
        }
    }
}
