package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;

/**
 * post_op_attr (RFC 1813 section 2.6): {@code bool attributes_follow; fattr3 attributes;} when
 * true. {@link #attributes()} is null when absent.
 */
public record PostOpAttr(Fattr3 attributes) {
    public static final PostOpAttr ABSENT = new PostOpAttr(null);

    public static PostOpAttr of(Fattr3 attributes) {
        return attributes == null ? ABSENT : new PostOpAttr(attributes);
    }

    public boolean isPresent() {
        return attributes != null;
    }

    /** Bytes of this item on the wire: 4, or 88 with attributes. */
    public int encodedSize() {
        return isPresent() ? 4 + Fattr3.ENCODED_SIZE : 4;
    }

    public static PostOpAttr decode(XdrDecoder in) {
        return in.readBoolean() ? new PostOpAttr(Fattr3.decode(in)) : ABSENT;
    }

    public void encode(XdrEncoder out) {
        out.writeBoolean(isPresent());
        if (isPresent()) {
            attributes.encode(out);
        }
    }
}
