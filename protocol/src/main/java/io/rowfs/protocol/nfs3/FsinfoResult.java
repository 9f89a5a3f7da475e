package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/**
 * FSINFO3res (RFC 1813 section 3.3.19): OK:
 * <pre>
 *   post_op_attr obj_attributes; uint32 rtmax; uint32 rtpref; uint32 rtmult;
 *   uint32 wtmax; uint32 wtpref; uint32 wtmult; uint32 dtpref;
 *   size3 maxfilesize; nfstime3 time_delta; uint32 properties;
 * </pre>
 * fail: {@code post_op_attr obj_attributes;}. {@code properties} holds {@link FsProperties} bits.
 */
public record FsinfoResult(Nfs3Status status, PostOpAttr attributes, int rtmax, int rtpref,
        int rtmult, int wtmax, int wtpref, int wtmult, int dtpref, long maxFileSize,
        NfsTime3 timeDelta, int properties) implements Nfs3Result {
    public FsinfoResult {
        Results.check(status, timeDelta);
        Objects.requireNonNull(attributes, "attributes");
    }

    public static FsinfoResult ok(PostOpAttr attributes, int rtmax, int rtpref, int rtmult,
            int wtmax, int wtpref, int wtmult, int dtpref, long maxFileSize, NfsTime3 timeDelta,
            int properties) {
        return new FsinfoResult(Nfs3Status.OK, attributes, rtmax, rtpref, rtmult, wtmax, wtpref,
                wtmult, dtpref, maxFileSize, timeDelta, properties);
    }

    public static FsinfoResult fail(Nfs3Status status, PostOpAttr attributes) {
        return new FsinfoResult(Results.failure(status), attributes, 0, 0, 0, 0, 0, 0, 0, 0, null, 0);
    }

    public static FsinfoResult decode(XdrDecoder in) {
        Nfs3Status s = Nfs3Status.decode(in);
        PostOpAttr attributes = PostOpAttr.decode(in);
        if (!s.isOk()) {
            return fail(s, attributes);
        }
        return ok(attributes, in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt(),
                in.readInt(), in.readInt(), in.readLong(), NfsTime3.decode(in), in.readInt());
    }

    @Override
    public void encode(XdrEncoder out) {
        status.encode(out);
        attributes.encode(out);
        if (status.isOk()) {
            out.writeInt(rtmax).writeInt(rtpref).writeInt(rtmult).writeInt(wtmax).writeInt(wtpref)
                    .writeInt(wtmult).writeInt(dtpref).writeLong(maxFileSize);
            timeDelta.encode(out);
            out.writeInt(properties);
        }
    }
}
