package io.rowfs.shadow.nfs;

import io.rowfs.shadow.fs.FileAttrs;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Attributes (inode → {@link FileAttrs}) and names ((directory inode, name) → inode) this server
 * has seen, so that GETATTR, LOOKUP and ACCESS can be answered on the event loop with no file-system
 * call and no thread hand-off.
 *
 * <p>Coherence: in the rowfs design the export is changed only through this server, so every change
 * passes through a procedure that updates or drops the entries it affects. Entries still expire
 * {@code ttlMillis} after they were read, which bounds how long a change made behind the server's
 * back (or a lost race between two changes of one object on two I/O stripes) can be seen late.
 *
 * <p>Races between a read of the disk and a change are settled by a change counter (a seqlock):
 * <ul>
 *   <li>a reader takes {@link #stamp()} before its lstat and {@link #put}s only if no change was
 *       recorded since, so attributes read before a change never land after the change dropped them;
 *   <li>a changing procedure calls {@link #invalidate} when it is submitted (so that the event loop
 *       no longer answers with the old state) and, on its stripe, takes a stamp before its syscall
 *       and ends with {@link #update}, which counts a change and keeps the new attributes only if no
 *       other change happened meanwhile (else drops them).
 * </ul>
 * Reads are lock-free; changes and puts serialise on {@code this}. At most {@code maxEntries}
 * entries per map: a full map is emptied.
 */
final class AttrCache {
    /** A cached name: entry {@code name} of directory {@code dir}. */
    private record NameKey(long dir, String name) {
    }

    private record Attrs(FileAttrs attrs, long expiresAt) {
    }

    private record Child(long inode, long expiresAt) {
    }

    private final Map<Long, Attrs> attrs = new ConcurrentHashMap<>();
    private final Map<NameKey, Child> names = new ConcurrentHashMap<>();
    private final long ttlMillis;
    private final int maxEntries;
    private final Clock clock;
    /** Changes recorded so far; written under {@code this}. */
    private volatile long changes;

    AttrCache(long ttlMillis, int maxEntries, Clock clock) {
        this.ttlMillis = ttlMillis;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    boolean enabled() {
        return ttlMillis > 0;
    }

    /** The attributes of {@code inode} if cached and fresh, else null. Lock-free. */
    FileAttrs get(long inode) {
        Attrs a = attrs.get(inode);
        if (a == null || clock.millis() > a.expiresAt) {
            return null;
        }
        return a.attrs;
    }

    /** The inode of entry {@code name} of {@code dir} if cached and fresh, else -1. Lock-free. */
    long child(long dir, String name) {
        Child c = names.get(new NameKey(dir, name));
        if (c == null || clock.millis() > c.expiresAt) {
            return -1;
        }
        return c.inode;
    }

    /** Taken before reading the disk; see {@link #put}. */
    long stamp() {
        return changes;
    }

    /** Keeps attributes read after {@code stamp} was taken, unless something changed since. */
    synchronized void put(long stamp, FileAttrs a) {
        if (enabled() && a != null && stamp == changes) {
            putAttrs(a);
        }
    }

    /** Keeps a name read after {@code stamp} was taken (and its object's attributes), unless something changed since. */
    synchronized void putName(long stamp, long dir, String name, FileAttrs child) {
        if (enabled() && stamp == changes) {
            putAttrs(child);
            if (names.size() >= maxEntries) {
                names.clear();
            }
            names.put(new NameKey(dir, name), new Child(child.fileid(), clock.millis() + ttlMillis));
        }
    }

    /**
     * Ends a change of one object that began at {@code stamp}: counts a change, and keeps
     * {@code after} only if no other change was counted since {@code stamp} (else drops the entry).
     */
    synchronized void update(long stamp, long inode, FileAttrs after) {
        boolean alone = stamp == changes;
        changes++;
        if (alone && enabled() && after != null && after.fileid() == inode) {
            putAttrs(after);
        } else {
            attrs.remove(inode);
        }
    }

    /**
     * Ends a change that created entry {@code name} of {@code dir} (CREATE, MKDIR, SYMLINK, MKNOD):
     * the name, the new object and the directory's attributes read after the change
     * ({@code dirAfter}, may be null) are kept as {@link #update} would keep them; whatever the
     * name named before is dropped.
     */
    synchronized void created(long stamp, long dir, String name, FileAttrs child, FileAttrs dirAfter) {
        boolean alone = stamp == changes;
        changes++;
        NameKey k = new NameKey(dir, name);
        Child old = names.remove(k);
        if (old != null) {
            attrs.remove(old.inode);
        }
        keepDir(alone, dir, dirAfter);
        if (alone && enabled()) {
            putAttrs(child);
            names.put(k, new Child(child.fileid(), clock.millis() + ttlMillis));
        } else {
            attrs.remove(child.fileid());
        }
    }

    /**
     * Ends a change that removed entry {@code name} of {@code dir} (REMOVE, RMDIR): the name and the
     * object it named ({@code removed}, -1 if unknown; other links keep naming it) are dropped, the
     * directory's attributes read after the change ({@code dirAfter}, may be null) kept as
     * {@link #update} would keep them.
     */
    synchronized void removed(long stamp, long dir, String name, long removed, FileAttrs dirAfter) {
        boolean alone = stamp == changes;
        changes++;
        Child old = names.remove(new NameKey(dir, name));
        if (old != null) {
            attrs.remove(old.inode);
        }
        if (removed >= 0) {
            attrs.remove(removed);
        }
        keepDir(alone, dir, dirAfter);
    }

    /** Guarded by {@code this}. */
    private void keepDir(boolean alone, long dir, FileAttrs dirAfter) {
        if (alone && enabled() && dirAfter != null && dirAfter.fileid() == dir) {
            putAttrs(dirAfter);
        } else {
            attrs.remove(dir);
        }
    }

    /** Drops the attributes of {@code inode}. */
    synchronized void invalidate(long inode) {
        changes++;
        attrs.remove(inode);
    }

    /** Drops entry {@code name} of {@code dir}, the object it named and the directory's attributes. */
    synchronized void invalidateName(long dir, String name) {
        changes++;
        attrs.remove(dir);
        Child old = names.remove(new NameKey(dir, name));
        if (old != null) {
            attrs.remove(old.inode);
        }
    }

    /** Drops everything (renames and links, which can change many objects). */
    synchronized void invalidateAll() {
        changes++;
        attrs.clear();
        names.clear();
    }

    /** Guarded by {@code this}. */
    private void putAttrs(FileAttrs a) {
        if (attrs.size() >= maxEntries) {
            attrs.clear();
        }
        attrs.put(a.fileid(), new Attrs(a, clock.millis() + ttlMillis));
    }

    int size() {
        return attrs.size();
    }
}
