package io.rowfs.shadow.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bounded LRU of open {@link FileChannel}s keyed by inode number, so that sequential READs and
 * WRITEs do not reopen files. Channels are reference-counted: an evicted or invalidated channel is
 * closed when its last user releases it. Only regular files may be opened (a FIFO would block).
 * A channel found closed (its user was interrupted in an I/O call) is replaced by a fresh one.
 * Thread-safety: the map and the reference counts are guarded by {@code this}.
 */
public final class OpenFileCache implements AutoCloseable {
    private final int capacity;
    private final boolean readOnly;
    private final LinkedHashMap<Long, Open> map = new LinkedHashMap<>(16, 0.75f, true);
    /** Callers of {@link #acquire} between their cache miss and their channel's entry into the map. */
    private int opening;

    /** One open channel; {@link #close()} releases the caller's reference. */
    public final class Open implements AutoCloseable {
        private final FileChannel channel;
        private final boolean writable;
        /** Guarded by the cache. */
        private int refs = 1; // the cache's own reference
        private boolean dropped;

        Open(FileChannel channel, boolean writable) {
            this.channel = channel;
            this.writable = writable;
        }

        public FileChannel channel() {
            return channel;
        }

        @Override
        public void close() throws IOException {
            release(this);
        }
    }

    public OpenFileCache(int capacity, boolean readOnly) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
        this.readOnly = readOnly;
    }

    /**
     * The channel of {@code inode} at {@code path}, opened if needed; the caller must close the
     * returned {@link Open}.
     */
    public Open acquire(long inode, Path path, boolean forWrite) throws IOException {
        synchronized (this) {
            Open o = map.get(inode);
            if (usable(o, forWrite)) {
                o.refs++;
                return o;
            }
            opening++;
        }
        Open fresh;
        try {
            fresh = open(path, forWrite);
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                opening--;
            }
            throw e;
        }
        List<Open> toClose = new ArrayList<>();
        Open result;
        synchronized (this) {
            opening--;
            Open o = map.get(inode);
            if (usable(o, forWrite)) {
                o.refs++;
                toClose.add(fresh);
                result = o;
            } else {
                if (o != null) {
                    map.remove(inode);
                    drop(o, toClose);
                }
                map.put(inode, fresh);
                fresh.refs++;
                result = fresh;
                Iterator<Open> it = map.values().iterator();
                while (map.size() > capacity && it.hasNext()) {
                    Open victim = it.next();
                    it.remove();
                    drop(victim, toClose);
                }
            }
        }
        for (Open c : toClose) {
            if (c == fresh) {
                c.channel.close();
            }
        }
        closeDropped(toClose, fresh);
        return result;
    }

    /**
     * True if {@code o} serves a caller wanting {@code forWrite}: open (a channel is closed under
     * its users when one of their threads is interrupted in an I/O call, as the proxy's workers may
     * be when it shuts down; the closed one is then replaced) and writable if need be.
     */
    private static boolean usable(Open o, boolean forWrite) {
        return o != null && o.channel.isOpen() && (o.writable || !forWrite);
    }

    private Open open(Path path, boolean forWrite) throws IOException {
        if (!readOnly) {
            try {
                return new Open(FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS), true);
            } catch (AccessDeniedException e) {
                if (forWrite) {
                    throw e;
                }
            }
        } else if (forWrite) {
            throw new FsException(FsError.READ_ONLY, "read-only export");
        }
        return new Open(FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS), false);
    }

    /** Closes the cached channel of {@code inode} once its users are done (last link removed). */
    public void invalidate(long inode) throws IOException {
        List<Open> toClose = new ArrayList<>();
        synchronized (this) {
            Open o = map.remove(inode);
            if (o != null) {
                drop(o, toClose);
            }
        }
        closeDropped(toClose, null);
    }

    /**
     * {@link #invalidate}, and true when no channel of {@code inode} is in use and no file is being
     * opened: nothing can write into the inode afterwards, so that it may be given to another file
     * ({@link InodePool}). False means the caller must not reuse the inode.
     */
    public boolean retire(long inode) throws IOException {
        List<Open> toClose = new ArrayList<>();
        boolean idle;
        synchronized (this) {
            Open o = map.remove(inode);
            idle = opening == 0 && (o == null || o.refs == 1);
            if (o != null) {
                drop(o, toClose);
            }
        }
        closeDropped(toClose, null);
        return idle;
    }

    public synchronized int size() {
        return map.size();
    }

    /** Guarded by {@code this}: removes the cache's reference; closes now if nobody uses it. */
    private void drop(Open o, List<Open> toClose) {
        o.dropped = true;
        if (--o.refs == 0) {
            toClose.add(o);
        }
    }

    private void release(Open o) throws IOException {
        boolean close;
        synchronized (this) {
            close = --o.refs == 0 && o.dropped;
        }
        if (close) {
            o.channel.close();
        }
    }

    private static void closeDropped(List<Open> toClose, Open skip) throws IOException {
        for (Open c : toClose) {
            if (c != skip) {
                c.channel.close();
            }
        }
    }

    @Override
    public void close() throws IOException {
        List<Open> all;
        synchronized (this) {
            all = new ArrayList<>(map.values());
            map.clear();
        }
        for (Open o : all) {
            o.channel.close();
        }
    }

    /** For tests: whether the channel of {@code inode} is cached. */
    synchronized boolean contains(long inode) {
        return map.containsKey(inode);
    }

    static Map<Long, Open> snapshot(OpenFileCache c) {
        synchronized (c) {
            return new LinkedHashMap<>(c.map);
        }
    }
}
