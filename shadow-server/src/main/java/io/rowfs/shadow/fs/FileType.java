package io.rowfs.shadow.fs;

/** The object types of RFC 1813 ftype3, in its order (values 1..7). */
public enum FileType {
    REGULAR(1), DIRECTORY(2), BLOCK(3), CHARACTER(4), SYMLINK(5), SOCKET(6), FIFO(7);

    private final int nfsValue;

    FileType(int nfsValue) {
        this.nfsValue = nfsValue;
    }

    /** The ftype3 value. */
    public int nfsValue() {
        return nfsValue;
    }

    /** The type encoded in the S_IFMT bits of a POSIX st_mode. */
    public static FileType fromMode(int mode) {
        switch (mode & 0170000) {
            case 0100000: return REGULAR;
            case 0040000: return DIRECTORY;
            case 0060000: return BLOCK;
            case 0020000: return CHARACTER;
            case 0120000: return SYMLINK;
            case 0140000: return SOCKET;
            case 0010000: return FIFO;
            default: return REGULAR;
        }
    }
}
