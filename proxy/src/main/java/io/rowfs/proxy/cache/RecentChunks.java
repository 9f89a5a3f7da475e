package io.rowfs.proxy.cache;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The memory tier of the main-data cache: chunks just fetched from main (mostly by readahead), kept
 * so that the reader they were fetched for is served from memory while the disk cache is filled in
 * the background. Bounded by {@code capacityBytes}; least recently used first out. A chunk is
 * <em>pinned</em> until the disk cache holds it: pinned chunks are never evicted, so a chunk is
 * always in memory, on disk, or both once fetched, and never crosses the wire twice because it fell
 * between the tiers. (Pinned chunks may exceed the bound for as long as disk writes lag.)
 *
 * <p>Small chunks (small files and file tails, at most {@code smallLimit} bytes) are kept apart: in
 * a budget of their own (one {@value #SMALL_SHARE_DIVISOR}th of the bound, the rest being the large
 * chunks'; each charged its length plus {@value #ENTRY_OVERHEAD} bytes), least recently used first
 * out among themselves, so a large file streaming through does not push a tree of small files out.
 * They are copied into a buffer of their own size, so that a few bytes do not keep a whole socket
 * buffer of main's reply alive.
 *
 * <p>Ownership: the tier holds one reference per chunk; {@link #slice} hands out retained slices
 * (the caller releases them), eviction and {@link #close} release the tier's own. Thread-safe: all
 * state is guarded by {@code this}, and slices are retained under that lock, so an eviction can
 * never free a buffer between lookup and retain; evicted buffers are released after the lock.
 */
final class RecentChunks implements AutoCloseable {
    /** Small chunks share this fraction of the bound (1/8). */
    static final int SMALL_SHARE_DIVISOR = 8;
    /** What a small chunk is charged beyond its bytes: its map entries and buffer object, roughly. */
    static final int ENTRY_OVERHEAD = 128;

    private final long capacityBytes;
    private final int smallLimit;
    private final long smallCapacity;
    /** Every chunk; guarded by this. */
    private final HashMap<ChunkRef, Entry> entries = new HashMap<>();
    /** The unpinned large chunks, least recently used first: the eviction candidates; guarded by this. */
    private final LinkedHashMap<ChunkRef, Entry> evictable = new LinkedHashMap<>(64, 0.75f, true);
    /** The same for small chunks; guarded by this. */
    private final LinkedHashMap<ChunkRef, Entry> evictableSmall = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;                                                                           // guarded by this
    private long smallCharged;                                                                    // guarded by this
    private long pinnedBytes;                                                                     // guarded by this
    private boolean closed;                                                                       // guarded by this
    /** Who waits for the pinned bytes to drop below a bound ({@link #pinnedBelow}); guarded by this. */
    private final List<RoomWaiter> roomWaiters = new ArrayList<>();

    private record RoomWaiter(long bound, CompletableFuture<Void> room) {
    }

    /** A tier without a separate budget for small chunks. */
    RecentChunks(long capacityBytes) {
        this(capacityBytes, 0);
    }

    /** @param smallLimit chunks of at most this many bytes are small (0: none are) */
    RecentChunks(long capacityBytes, int smallLimit) {
        if (capacityBytes < 0 || smallLimit < 0) {
            throw new IllegalArgumentException("memory tier of " + capacityBytes + " bytes, small limit " + smallLimit);
        }
        this.capacityBytes = capacityBytes;
        this.smallLimit = smallLimit;
        this.smallCapacity = smallLimit > 0 ? capacityBytes / SMALL_SHARE_DIVISOR : 0;
    }

    private static final class Entry {
        final ByteBuf data;
        final boolean small;
        boolean pinned;

        Entry(ByteBuf data, boolean small, boolean pinned) {
            this.data = data;
            this.small = small;
            this.pinned = pinned;
        }

        long charge() {
            return small ? data.readableBytes() + ENTRY_OVERHEAD : data.readableBytes();
        }
    }

    /** Adds a chunk, taking over the caller's reference to {@code data}; replaces an older copy. */
    void put(ChunkRef ref, ByteBuf data, boolean pinned) {
        boolean small = smallLimit > 0 && data.readableBytes() <= smallLimit;
        if (small) {
            ByteBuf copy = Unpooled.copiedBuffer(data);
            data.release();
            data = copy;
        }
        releaseAll(putLocked(ref, data, small, pinned));
    }

    /** Releases outside the lock: freeing buffers is the slow part of an eviction. */
    private static void releaseAll(List<ByteBuf> dropped) {
        if (dropped != null) {
            for (ByteBuf b : dropped) {
                b.release();
            }
        }
    }

    private synchronized List<ByteBuf> putLocked(ChunkRef ref, ByteBuf data, boolean small, boolean pinned) {
        if (closed) {
            return List.of(data);
        }
        List<ByteBuf> dropped = null;
        Entry e = new Entry(data, small, pinned);
        Entry old = entries.put(ref, e);
        if (old != null) {
            lruOf(old).remove(ref);
            uncharge(old);
            if (old.pinned) {
                pinnedBytes -= old.data.readableBytes();
            }
            dropped = new ArrayList<>();
            dropped.add(old.data);
        }
        if (!pinned) {
            lruOf(e).put(ref, e);
        } else {
            pinnedBytes += data.readableBytes();
        }
        charge(e);
        return evict(dropped);
    }

    private LinkedHashMap<ChunkRef, Entry> lruOf(Entry e) {
        return e.small ? evictableSmall : evictable;
    }

    private void charge(Entry e) {
        if (e.small) {
            smallCharged += e.charge();
        } else {
            bytes += e.charge();
        }
    }

    private void uncharge(Entry e) {
        if (e.small) {
            smallCharged -= e.charge();
        } else {
            bytes -= e.charge();
        }
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
            lruOf(e).get(ref); // marks it recently used
        }
        return e.data.retainedSlice(e.data.readerIndex() + from, length);
    }

    synchronized boolean contains(ChunkRef ref) {
        return entries.containsKey(ref);
    }

    /** The disk cache now holds the chunk (or declined it): it may be evicted. */
    void unpin(ChunkRef ref) {
        releaseAll(unpinLocked(ref));
        completeAll(roomMade());
    }

    /**
     * Completes once the pinned bytes are below {@code bound}: at once if they are now, else when
     * enough chunks have reached the disk cache (or the tier is closed).
     */
    synchronized CompletableFuture<Void> pinnedBelow(long bound) {
        if (pinnedBytes < bound || closed) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> room = new CompletableFuture<>();
        roomWaiters.add(new RoomWaiter(bound, room));
        return room;
    }

    /** Takes out the waiters whose bound the pinned bytes are now below, to be completed after the lock. */
    private synchronized List<CompletableFuture<Void>> roomMade() {
        List<CompletableFuture<Void>> made = null;
        for (Iterator<RoomWaiter> it = roomWaiters.iterator(); it.hasNext(); ) {
            RoomWaiter w = it.next();
            if (pinnedBytes < w.bound() || closed) {
                it.remove();
                made = made != null ? made : new ArrayList<>();
                made.add(w.room());
            }
        }
        return made;
    }

    /** Completes outside the lock: a completion may resume a READ that comes straight back here. */
    private static void completeAll(List<CompletableFuture<Void>> rooms) {
        if (rooms != null) {
            for (CompletableFuture<Void> room : rooms) {
                room.complete(null);
            }
        }
    }

    private synchronized List<ByteBuf> unpinLocked(ChunkRef ref) {
        Entry e = entries.get(ref);
        if (e != null && e.pinned) {
            e.pinned = false;
            pinnedBytes -= e.data.readableBytes();
            lruOf(e).put(ref, e);
            return evict(null);
        }
        return null;
    }

    /** Bytes of the chunks still waiting for the disk cache. */
    synchronized long pinnedBytes() {
        return pinnedBytes;
    }

    /** Bytes held (small chunks at their length plus their overhead charge). */
    synchronized long bytes() {
        return bytes + smallCharged;
    }

    synchronized int size() {
        return entries.size();
    }

    /** Evicts each kind down to its bound; returns {@code dropped} plus the evicted buffers, for release after the lock. */
    private List<ByteBuf> evict(List<ByteBuf> dropped) {
        dropped = evict(evictable, capacityBytes - smallCapacity, dropped);
        return evict(evictableSmall, smallCapacity, dropped);
    }

    private List<ByteBuf> evict(LinkedHashMap<ChunkRef, Entry> lru, long bound, List<ByteBuf> dropped) {
        Iterator<Map.Entry<ChunkRef, Entry>> it = lru.entrySet().iterator();
        while ((lru == evictable ? bytes : smallCharged) > bound && it.hasNext()) {
            Map.Entry<ChunkRef, Entry> eldest = it.next();
            it.remove();
            entries.remove(eldest.getKey());
            uncharge(eldest.getValue());
            dropped = dropped != null ? dropped : new ArrayList<>();
            dropped.add(eldest.getValue().data);
        }
        return dropped;
    }

    @Override
    public void close() {
        closeLocked();
        completeAll(roomMade());
    }

    private synchronized void closeLocked() {
        closed = true;
        for (Entry e : entries.values()) {
            e.data.release();
        }
        entries.clear();
        evictable.clear();
        evictableSmall.clear();
        bytes = 0;
        smallCharged = 0;
        pinnedBytes = 0;
    }
}
