package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;

/**
 * pre_op_attr (RFC 1813 section 2.6): {@code bool attributes_follow; wcc_attr attributes;} when
 * true. {@link #attributes()} is null when absent.
 */
public record PreOpAttr(WccAttr attributes) {
    public static final PreOpAttr ABSENT = new PreOpAttr(null);

    public static PreOpAttr of(WccAttr attributes) {
        return attributes == null ? ABSENT : new PreOpAttr(attributes);
    }

    /** The pre-operation subset of {@code attributes}, or ABSENT when null. */
    public static PreOpAttr of(Fattr3 attributes) {
        return attributes == null ? ABSENT : new PreOpAttr(attributes.toWccAttr());
    }

    public boolean isPresent() {
        return attributes != null;
    }

    public static PreOpAttr decode(XdrDecoder in) {
        return in.readBoolean() ? new PreOpAttr(WccAttr.decode(in)) : ABSENT;
    }

    public void encode(XdrEncoder out) {
        out.writeBoolean(isPresent());
        if (isPresent()) {
            attributes.encode(out);
        }
    }
}
