package io.rowfs.proxy.cache;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The memory tier of the main-data cache: chunks just fetched from main (mostly by readahead), kept
 * so that the reader they were fetched for is served from memory while the disk cache is filled in
 * the background. Bounded by {@code capacityBytes}; least recently used first out. A chunk is
 * <em>pinned</em> until the disk cache holds it: pinned chunks are never evicted, so a chunk is
 * always in memory, on disk, or both once fetched, and never crosses the wire twice because it fell
 * between the tiers. (Pinned chunks may exceed the bound for as long as disk writes lag.)
 *
 * <p>Ownership: the tier holds one reference per chunk; {@link #slice} hands out retained slices
 * (the caller releases them), eviction and {@link #close} release the tier's own. Thread-safe: all
 * state is guarded by {@code this}, and slices are retained under that lock, so an eviction can
 * never free a buffer between lookup and retain; evicted buffers are released after the lock.
 */
final class RecentChunks implements AutoCloseable {
    private final long capacityBytes;
    /** Every chunk; guarded by this. */
    private final HashMap<ChunkRef, Entry> entries = new HashMap<>();
    /** The unpinned chunks, least recently used first: the eviction candidates; guarded by this. */
    private final LinkedHashMap<ChunkRef, Entry> evictable = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;                                                                           // guarded by this
    private boolean closed;                                                                       // guarded by this

    RecentChunks(long capacityBytes) {
        if (capacityBytes < 0) {
            throw new IllegalArgumentException("memory tier of " + capacityBytes + " bytes");
        }
        this.capacityBytes = capacityBytes;
    }

    private static final class Entry {
        final ByteBuf data;
        boolean pinned;

        Entry(ByteBuf data, boolean pinned) {
            this.data = data;
            this.pinned = pinned;
        }
    }

    /** Adds a chunk, taking over the caller's reference to {@code data}; replaces an older copy. */
    void put(ChunkRef ref, ByteBuf data, boolean pinned) {
        releaseAll(putLocked(ref, data, pinned));
    }

    /** Releases outside the lock: freeing buffers is the slow part of an eviction. */
    private static void releaseAll(List<ByteBuf> dropped) {
        if (dropped != null) {
            for (ByteBuf b : dropped) {
                b.release();
            }
        }
    }

    private synchronized List<ByteBuf> putLocked(ChunkRef ref, ByteBuf data, boolean pinned) {
        if (closed) {
            return List.of(data);
        }
        List<ByteBuf> dropped = null;
        Entry e = new Entry(data, pinned);
        Entry old = entries.put(ref, e);
        if (old != null) {
            evictable.remove(ref);
            bytes -= old.data.readableBytes();
            dropped = new ArrayList<>();
            dropped.add(old.data);
        }
        if (!pinned) {
            evictable.put(ref, e);
        }
        bytes += data.readableBytes();
        return evict(dropped);
    }

    /**
     * A retained slice of bytes {@code [from, from+length)} of the chunk, or null when the chunk is
     * not here or shorter than that.
     */
    synchronized ByteBuf slice(ChunkRef ref, int from, int length) {
        Entry e = entries.get(ref);
        if (e == null || e.data.readableBytes() < from + length) {
            return null;
        }
        if (!e.pinned) {
            evictable.get(ref); // marks it recently used
        }
        return e.data.retainedSlice(e.data.readerIndex() + from, length);
    }

    synchronized boolean contains(ChunkRef ref) {
        return entries.containsKey(ref);
    }

    /** The disk cache now holds the chunk (or declined it): it may be evicted. */
    void unpin(ChunkRef ref) {
        releaseAll(unpinLocked(ref));
    }

    private synchronized List<ByteBuf> unpinLocked(ChunkRef ref) {
        Entry e = entries.get(ref);
        if (e != null && e.pinned) {
            e.pinned = false;
            evictable.put(ref, e);
            return evict(null);
        }
        return null;
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized int size() {
        return entries.size();
    }

    /** Evicts down to the bound; returns {@code dropped} plus the evicted buffers, for release after the lock. */
    private List<ByteBuf> evict(List<ByteBuf> dropped) {
        Iterator<Map.Entry<ChunkRef, Entry>> it = evictable.entrySet().iterator();
        while (bytes > capacityBytes && it.hasNext()) {
            Map.Entry<ChunkRef, Entry> eldest = it.next();
            it.remove();
            entries.remove(eldest.getKey());
            bytes -= eldest.getValue().data.readableBytes();
            dropped = dropped != null ? dropped : new ArrayList<>();
            dropped.add(eldest.getValue().data);
        }
        return dropped;
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (Entry e : entries.values()) {
            e.data.release();
        }
        entries.clear();
        evictable.clear();
        bytes = 0;
    }
}
