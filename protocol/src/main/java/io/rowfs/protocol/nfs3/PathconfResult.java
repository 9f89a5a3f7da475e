package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/**
 * PATHCONF3res (RFC 1813 section 3.3.20): OK:
 * <pre>
 *   post_op_attr obj_attributes; uint32 linkmax; uint32 name_max; bool no_trunc;
 *   bool chown_restricted; bool case_insensitive; bool case_preserving;
 * </pre>
 * fail: {@code post_op_attr obj_attributes;}.
 */
public record PathconfResult(Nfs3Status status, PostOpAttr attributes, int linkMax, int nameMax,
        boolean noTrunc, boolean chownRestricted, boolean caseInsensitive, boolean casePreserving)
        implements Nfs3Result {
    public PathconfResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(attributes, "attributes");
    }

    public static PathconfResult ok(PostOpAttr attributes, int linkMax, int nameMax,
            boolean noTrunc, boolean chownRestricted, boolean caseInsensitive,
            boolean casePreserving) {
        return new PathconfResult(Nfs3Status.OK, attributes, linkMax, nameMax, noTrunc,
                chownRestricted, caseInsensitive, casePreserving);
    }

    public static PathconfResult fail(Nfs3Status status, PostOpAttr attributes) {
        return new PathconfResult(Results.failure(status), attributes, 0, 0, false, false, false,
                false);
    }

    public static PathconfResult decode(XdrDecoder in) {
        Nfs3Status s = Nfs3Status.decode(in);
        PostOpAttr attributes = PostOpAttr.decode(in);
        if (!s.isOk()) {
            return fail(s, attributes);
        }
        return ok(attributes, in.readInt(), in.readInt(), in.readBoolean(), in.readBoolean(),
                in.readBoolean(), in.readBoolean());
    }

    @Override
    public void encode(XdrEncoder out) {
        status.encode(out);
        attributes.encode(out);
        if (status.isOk()) {
            out.writeInt(linkMax).writeInt(nameMax).writeBoolean(noTrunc)
                    .writeBoolean(chownRestricted).writeBoolean(caseInsensitive)
                    .writeBoolean(casePreserving);
        }
    }
}
