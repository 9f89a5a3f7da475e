package io.rowfs.protocol.nfs3;

/**
 * Counts the bytes of a READDIR or READDIRPLUS reply as entries are added, so that a server fills
 * the reply up to the client's limit and no further. Not thread-safe: one budget per reply.
 *
 * <p>What is counted (RFC 1813 sections 3.3.16 and 3.3.17), conservatively including the status:
 * <pre>
 *   fixed  = status(4) + dir_attributes(4 or 88) + cookieverf(8) + list end FALSE(4) + eof(4)
 *   entry3      = TRUE(4) + fileid(8) + name(4 + padded length) + cookie(8)
 *   entryplus3  = entry3 + name_attributes(4 or 88) + name_handle(4, or 8 + padded length)
 * </pre>
 * READDIR {@code count} bounds fixed + all entry3s. READDIRPLUS {@code maxcount} bounds fixed +
 * all entryplus3s, and {@code dircount} bounds the entry3-sized part of each entryplus3 (names,
 * cookies, fileids, without attributes and handles).
 */
public final class DirListBudget {
    static final int FIXED_WITHOUT_ATTRIBUTES = 4 + 8 + 4 + 4;

    private final long maxBytes;
    private final long maxDirBytes;
    private long used;
    private long dirUsed;
    private int entries;

    private DirListBudget(long maxBytes, long maxDirBytes, long fixed) {
        this.maxBytes = maxBytes;
        this.maxDirBytes = maxDirBytes;
        this.used = fixed;
    }

    /** A budget for a READDIR reply to a request with {@code count} (uint32) bytes. */
    public static DirListBudget forReaddir(int count, PostOpAttr dirAttributes) {
        return new DirListBudget(Integer.toUnsignedLong(count), Long.MAX_VALUE,
                FIXED_WITHOUT_ATTRIBUTES + dirAttributes.encodedSize());
    }

    /** A budget for a READDIRPLUS reply to {@code dircount} and {@code maxcount} (uint32). */
    public static DirListBudget forReaddirplus(int dirCount, int maxCount, PostOpAttr dirAttributes) {
        return new DirListBudget(Integer.toUnsignedLong(maxCount), Integer.toUnsignedLong(dirCount),
                FIXED_WITHOUT_ATTRIBUTES + dirAttributes.encodedSize());
    }

    /** Whether the reply without any entry already exceeds the limit (answer NFS3ERR_TOOSMALL). */
    public boolean tooSmall() {
        return used > maxBytes;
    }

    /** Adds the entry if it fits; false (and nothing counted) otherwise. */
    public boolean tryAdd(DirEntry e) {
        return tryAdd(e.encodedSize(), 0);
    }

    /** Adds the entry if it fits both limits; false (and nothing counted) otherwise. */
    public boolean tryAdd(DirEntryPlus e) {
        return tryAdd(e.encodedSize(), e.dirSize());
    }

    private boolean tryAdd(int size, int dirSize) {
        if (used + size > maxBytes || dirUsed + dirSize > maxDirBytes) {
            return false;
        }
        used += size;
        dirUsed += dirSize;
        entries++;
        return true;
    }

    /** Entries added so far. */
    public int entries() {
        return entries;
    }

    /** Bytes of the reply with the entries added so far. */
    public long bytes() {
        return used;
    }
}
