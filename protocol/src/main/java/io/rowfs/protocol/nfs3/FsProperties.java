package io.rowfs.protocol.nfs3;

/** FSINFO3 {@code properties} bits (RFC 1813 section 3.3.19). */
public final class FsProperties {
    /** Hard links are supported. */
    public static final int LINK = 0x0001;
    /** Symbolic links are supported. */
    public static final int SYMLINK = 0x0002;
    /** PATHCONF answers are the same for every object of the file system. */
    public static final int HOMOGENEOUS = 0x0008;
    /** SETATTR can set times to the client's values. */
    public static final int CANSETTIME = 0x0010;

    private FsProperties() {}
}
