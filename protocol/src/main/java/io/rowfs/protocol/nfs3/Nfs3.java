package io.rowfs.protocol.nfs3;

/** Protocol numbers and size limits of NFS version 3. */
public final class Nfs3 {
    /** ONC RPC program number of NFS (RFC 1813 section 1.1). */
    public static final int PROGRAM = 100003;
    public static final int VERSION = 3;
    /** NFS3_FHSIZE: the largest file handle, in bytes (RFC 1813 section 2.4). */
    public static final int FHSIZE = 64;
    /** NFS3_COOKIEVERFSIZE, NFS3_CREATEVERFSIZE and NFS3_WRITEVERFSIZE (RFC 1813 section 2.4). */
    public static final int VERIFIER_SIZE = 8;
    /** Largest file name component accepted (NAME_MAX of every host; filename3 itself is unbounded). */
    public static final int NAME_MAX = 255;
    /** Largest symbolic link target accepted (nfspath3; the customary MAXPATHLEN of NFSv3 servers). */
    public static final int PATH_MAX = 1024;

    private Nfs3() {}
}
