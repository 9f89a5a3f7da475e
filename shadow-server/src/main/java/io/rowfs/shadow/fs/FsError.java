package io.rowfs.shadow.fs;

/** Failures of the filesystem layer that have no standard {@link java.io.IOException} subclass. */
public enum FsError {
    /** The handle does not decode or fails its MAC. */
    BAD_HANDLE,
    /** The handle was valid but the object it names is gone. */
    STALE,
    /** A name that can never be valid here (empty, "/" or NUL inside, "." or ".." where not allowed). */
    INVALID_NAME,
    /** A name longer than {@link Names#MAX_NAME_BYTES}. */
    NAME_TOO_LONG,
    /** The operation is refused (a reserved name such as the state directory). */
    ACCESS,
    /** A directory was required. */
    NOT_DIR,
    /** A non-directory was required. */
    IS_DIR,
    /** The server is read-only. */
    READ_ONLY,
    /** The argument is inconsistent (wrong file type for the procedure, bad offset). */
    INVALID,
    /** The operation is not supported on this host or object. */
    NOT_SUPPORTED,
    /** The server refuses the request for a reason outside the client's control. */
    SERVER_FAULT,
    /** MKNOD of a type that is not a special file (NFS3ERR_BADTYPE). */
    BAD_TYPE,
    /** An exclusive create found an existing file with another verifier. */
    EXISTS,
    /** The file grew beyond what the host allows. */
    TOO_BIG
}
