package io.rowfs.protocol.nfs3;

import java.util.Objects;

/**
 * An NFS failure with its status. Service methods throw it (or complete exceptionally with it);
 * the dispatcher turns it into the procedure's failure result, filling the resfail body with the
 * attributes carried here: {@link #attributes()} for the post_op_attr of LOOKUP, ACCESS, READLINK,
 * READ, READDIR(PLUS), FSSTAT, FSINFO, PATHCONF and LINK; {@link #wcc()} for the wcc_data of SETATTR,
 * WRITE, CREATE, MKDIR, SYMLINK, MKNOD, REMOVE, RMDIR, RENAME (from-directory), LINK (link
 * directory) and COMMIT. A handler that needs a richer failure body (RENAME's to-directory) returns
 * the failure result itself instead.
 *
 * <p>Routine and cheap: no stack trace is captured.
 */
public class NfsException extends RuntimeException {
    private final Nfs3Status status;
    private final PostOpAttr attributes;
    private final WccData wcc;

    public NfsException(Nfs3Status status) {
        this(status, status.toString());
    }

    public NfsException(Nfs3Status status, String message) {
        this(status, message, PostOpAttr.ABSENT, WccData.EMPTY);
    }

    public NfsException(Nfs3Status status, String message, PostOpAttr attributes, WccData wcc) {
        super(message, null, false, false);
        if (status == Nfs3Status.OK) {
            throw new IllegalArgumentException("NfsException needs a failure status, not NFS3_OK");
        }
        this.status = status;
        this.attributes = Objects.requireNonNull(attributes, "attributes");
        this.wcc = Objects.requireNonNull(wcc, "wcc");
    }

    public Nfs3Status status() {
        return status;
    }

    public PostOpAttr attributes() {
        return attributes;
    }

    public WccData wcc() {
        return wcc;
    }

    /** The same failure reporting the object's post-operation attributes. */
    public NfsException withAttributes(PostOpAttr a) {
        return new NfsException(status, getMessage(), a, wcc);
    }

    /** The same failure reporting wcc_data. */
    public NfsException withWcc(WccData w) {
        return new NfsException(status, getMessage(), attributes, w);
    }
}
