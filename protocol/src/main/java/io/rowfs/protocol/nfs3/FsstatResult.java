package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/**
 * FSSTAT3res (RFC 1813 section 3.3.18): OK:
 * <pre>
 *   post_op_attr obj_attributes; size3 tbytes; size3 fbytes; size3 abytes;
 *   size3 tfiles; size3 ffiles; size3 afiles; uint32 invarsec;
 * </pre>
 * fail: {@code post_op_attr obj_attributes;}. The numeric fields are zero in a failure.
 */
public record FsstatResult(Nfs3Status status, PostOpAttr attributes, long totalBytes,
        long freeBytes, long availBytes, long totalFiles, long freeFiles, long availFiles,
        int invarSec) implements Nfs3Result {
    public FsstatResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(attributes, "attributes");
    }

    public static FsstatResult ok(PostOpAttr attributes, long totalBytes, long freeBytes,
            long availBytes, long totalFiles, long freeFiles, long availFiles, int invarSec) {
        return new FsstatResult(Nfs3Status.OK, attributes, totalBytes, freeBytes, availBytes,
                totalFiles, freeFiles, availFiles, invarSec);
    }

    public static FsstatResult fail(Nfs3Status status, PostOpAttr attributes) {
        return new FsstatResult(Results.failure(status), attributes, 0, 0, 0, 0, 0, 0, 0);
    }

    public static FsstatResult decode(XdrDecoder in) {
        Nfs3Status s = Nfs3Status.decode(in);
        PostOpAttr attributes = PostOpAttr.decode(in);
        if (!s.isOk()) {
            return fail(s, attributes);
        }
        return ok(attributes, in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                in.readLong(), in.readLong(), in.readInt());
    }

    @Override
    public void encode(XdrEncoder out) {
        status.encode(out);
        attributes.encode(out);
        if (status.isOk()) {
            out.writeLong(totalBytes).writeLong(freeBytes).writeLong(availBytes)
                    .writeLong(totalFiles).writeLong(freeFiles).writeLong(availFiles)
                    .writeInt(invarSec);
        }
    }
}
