package io.rowfs.shadow.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Inodes of removed files kept for new files: REMOVE of the last link of a regular file renames it
 * into this pool and truncates it instead of unlinking it, and CREATE links a pooled inode under
 * the new name instead of allocating one.
 *
 * <p>Why: allocating an inode is the dearest part of a create on some file systems. ext4 without a
 * journal skips every inode freed in the last minutes ({@code recently_deleted} in
 * fs/ext4/ialloc.c) and rescans them on each allocation, so with files created and removed at a
 * steady rate a create costs 1-1.5 ms of CPU instead of 20 us (measured on this project's machine).
 * A pooled inode was never freed: taking one costs a link, an unlink and setting times and mode.
 *
 * <pre>
 *  STATE/recycled/N     an empty regular file with one link, N a decimal counter of this run
 * </pre>
 *
 * A pooled inode has size 0 (truncated when parked if it held data), one link, and the previous
 * file's owner, mode and times, which CREATE replaces. Extended attributes and ACLs are not
 * cleared: NFSv3 through this server cannot set them, and the export is changed only through it
 * (a default ACL that an administrator puts on an exported directory reaches fresh files only).
 * Inodes are reused oldest first. The pool is emptied when the server starts (a crash may leave a
 * file that is also linked in the export: only the pool's name is removed). Disabled (capacity 0)
 * when the state directory is on another file system than the export. Thread-safe: the queue is
 * guarded by {@code this}; the files are only touched by the one caller that took their name.
 */
final class InodePool {
    static final String DIR_NAME = "recycled";

    private final Path dir;
    private final int capacity;
    private final int uid;
    private final int gid;
    /** Guarded by {@code this}. */
    private final ArrayDeque<Path> free = new ArrayDeque<>();
    /** Guarded by {@code this}. */
    private long next;

    private InodePool(Path dir, int capacity, int uid, int gid) {
        this.dir = dir;
        this.capacity = capacity;
        this.uid = uid;
        this.gid = gid;
    }

    /**
     * The pool in {@code stateDir} for files of {@code export}, emptied; capacity 0 when
     * {@code capacity} is 0 or the two are on different file systems.
     */
    static InodePool open(Path stateDir, Path export, int capacity) throws IOException {
        Path dir = stateDir.resolve(DIR_NAME);
        Files.createDirectories(dir);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
            }
        }
        Object devDir = Files.getAttribute(dir, "unix:dev", LinkOption.NOFOLLOW_LINKS);
        Object devExport = Files.getAttribute(export, "unix:dev", LinkOption.NOFOLLOW_LINKS);
        int[] ids = effectiveIds();
        boolean usable = capacity > 0 && devDir.equals(devExport) && ids != null;
        return new InodePool(dir, usable ? capacity : 0, usable ? ids[0] : -1, usable ? ids[1] : -1);
    }

    /** Effective uid and gid of this process (/proc/self/status), or null if unknown. */
    static int[] effectiveIds() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII);
            int u = -1;
            int g = -1;
            for (String l : lines) {
                if (l.startsWith("Uid:")) {
                    u = Integer.parseInt(l.substring(4).trim().split("\\s+")[1]);
                } else if (l.startsWith("Gid:")) {
                    g = Integer.parseInt(l.substring(4).trim().split("\\s+")[1]);
                }
            }
            return u < 0 || g < 0 ? null : new int[] {u, g};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    boolean enabled() {
        return capacity > 0;
    }

    /** The owner a file created by this process gets (its effective uid). */
    int uid() {
        return uid;
    }

    /** The group a file created by this process gets outside set-group-ID directories. */
    int gid() {
        return gid;
    }

    /** The oldest pooled inode's name, now the caller's; null when the pool is empty. */
    synchronized Path take() {
        return free.pollFirst();
    }

    /** Returns a name {@link #take} gave, unused, to the front of the queue. */
    synchronized void giveBack(Path p) {
        free.addFirst(p);
    }

    /** A fresh name in the pool to park an inode under, or null when the pool is full (or disabled). */
    synchronized Path slot() {
        if (free.size() >= capacity) {
            return null;
        }
        return dir.resolve(Long.toString(next++));
    }

    /** Makes an inode parked under {@code slot} (truncated, one link) available to {@link #take}. */
    synchronized void parked(Path slot) {
        free.addLast(slot);
    }

    synchronized int size() {
        return free.size();
    }
}
