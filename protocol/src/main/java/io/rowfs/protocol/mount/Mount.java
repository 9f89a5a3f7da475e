package io.rowfs.protocol.mount;

/** MOUNT v3 numbers and limits (RFC 1813 appendix I). */
public final class Mount {
    public static final int PROGRAM = 100005;
    public static final int VERSION = 3;

    public static final int PROC_NULL = 0;
    public static final int PROC_MNT = 1;
    public static final int PROC_DUMP = 2;
    public static final int PROC_UMNT = 3;
    public static final int PROC_UMNTALL = 4;
    public static final int PROC_EXPORT = 5;

    /** RFC 1813 appendix I: MNTPATHLEN, the longest dirpath. */
    public static final int MNTPATHLEN = 1024;
    /** RFC 1813 appendix I: MNTNAMLEN, the longest host or group name. */
    public static final int MNTNAMLEN = 255;
    /** RFC 1813 appendix I: FHSIZE3, the longest NFSv3 file handle. */
    public static final int FHSIZE3 = 64;

    private Mount() {
    }
}
