package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/**
 * READLINK3res (RFC 1813 section 3.3.5): OK: {@code post_op_attr symlink_attributes; nfspath3 data;}
 * fail: {@code post_op_attr symlink_attributes;}.
 */
public record ReadlinkResult(Nfs3Status status, PostOpAttr attributes, NfsPath data)
        implements Nfs3Result {
    public ReadlinkResult {
        Results.check(status, data);
        Objects.requireNonNull(attributes, "attributes");
    }

    public static ReadlinkResult ok(PostOpAttr attributes, NfsPath data) {
        return new ReadlinkResult(Nfs3Status.OK, attributes, data);
    }

    public static ReadlinkResult fail(Nfs3Status status, PostOpAttr attributes) {
        return new ReadlinkResult(Results.failure(status), attributes, null);
    }

    public static ReadlinkResult decode(XdrDecoder in) {
        Nfs3Status s = Nfs3Status.decode(in);
        PostOpAttr attributes = PostOpAttr.decode(in);
        return s.isOk() ? ok(attributes, NfsPath.decode(in)) : fail(s, attributes);
    }

    @Override
    public void encode(XdrEncoder out) {
        status.encode(out);
        attributes.encode(out);
        if (status.isOk()) {
            data.encode(out);
        }
    }
}
