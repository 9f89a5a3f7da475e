package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/** wcc_data (RFC 1813 section 2.6): {@code pre_op_attr before; post_op_attr after;}. */
public record WccData(PreOpAttr before, PostOpAttr after) {
    /** Neither before nor after attributes: what a failure without information reports. */
    public static final WccData EMPTY = new WccData(PreOpAttr.ABSENT, PostOpAttr.ABSENT);

    public WccData {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    /** wcc_data from the full attributes before and after an operation (either may be null). */
    public static WccData of(Fattr3 before, Fattr3 after) {
        return new WccData(PreOpAttr.of(before), PostOpAttr.of(after));
    }

    public static WccData decode(XdrDecoder in) {
        return new WccData(PreOpAttr.decode(in), PostOpAttr.decode(in));
    }

    public void encode(XdrEncoder out) {
        before.encode(out);
        after.encode(out);
    }
}
