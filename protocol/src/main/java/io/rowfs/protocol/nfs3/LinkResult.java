package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/**
 * LINK3res (RFC 1813 section 3.3.15): OK and fail both carry
 * {@code post_op_attr file_attributes; wcc_data linkdir_wcc;}.
 */
public record LinkResult(Nfs3Status status, PostOpAttr attributes, WccData linkDirWcc)
        implements Nfs3Result {
    public LinkResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(linkDirWcc, "linkDirWcc");
    }

    public static LinkResult ok(PostOpAttr attributes, WccData linkDirWcc) {
        return new LinkResult(Nfs3Status.OK, attributes, linkDirWcc);
    }

    public static LinkResult fail(Nfs3Status status, PostOpAttr attributes, WccData linkDirWcc) {
        return new LinkResult(Results.failure(status), attributes, linkDirWcc);
    }

    public static LinkResult decode(XdrDecoder in) {
        return new LinkResult(Nfs3Status.decode(in), PostOpAttr.decode(in), WccData.decode(in));
    }

    @Override
    public void encode(XdrEncoder out) {
        status.encode(out);
        attributes.encode(out);
        linkDirWcc.encode(out);
    }
}
