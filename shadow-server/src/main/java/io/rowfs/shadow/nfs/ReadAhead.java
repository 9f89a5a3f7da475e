package io.rowfs.shadow.nfs;

import io.netty.buffer.ByteBuf;
import io.rowfs.shadow.fs.FileAttrs;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sequential read-ahead: while a client reads a file in order, the I/O executor reads the next
 * {@value #DEPTH} chunks into memory, so that the next READs are answered from memory on the event
 * loop, without the two thread hand-offs of a disk READ (which dominate a client with one request
 * in flight), and disk reads overlap with the network.
 *
 * <p>Chunks are keyed by (inode, offset), taken once, only by a READ at exactly their offset, and
 * only within {@code ttlMillis} of being read (changes made behind the server's back are seen within
 * that time). WRITE and SETATTR drop the file's chunks; procedures that change names drop every
 * chunk. At most {@code maxChunks} chunks are held. Chunks own their buffers: whatever is dropped,
 * refused, expired or left at {@link #close()} is released here; a taken chunk's buffer belongs to
 * the taker. Thread-safe: concurrent maps; each chunk leaves the map exactly once.
 */
final class ReadAhead implements AutoCloseable {
    /** Chunks read ahead of the client per file. */
    static final int DEPTH = 2;

    /** Where a chunk starts. */
    record Key(long inode, long offset) {
    }

    /** Data read ahead of a client, with the attributes read with it. Identity equality. */
    static final class Chunk {
        final long offset;
        final ByteBuf data;
        final boolean eof;
        final FileAttrs attrs;
        final long expiresAt;

        Chunk(long offset, ByteBuf data, boolean eof, FileAttrs attrs, long expiresAt) {
            this.offset = offset;
            this.data = data;
            this.eof = eof;
            this.attrs = attrs;
            this.expiresAt = expiresAt;
        }
    }

    private final Map<Key, Chunk> chunks = new ConcurrentHashMap<>();
    private final Set<Key> pending = ConcurrentHashMap.newKeySet();
    private final int maxChunks;
    private final long ttlMillis;
    private final Clock clock;
    private volatile boolean closed;

    ReadAhead(int maxChunks, long ttlMillis, Clock clock) {
        this.maxChunks = maxChunks;
        this.ttlMillis = ttlMillis;
        this.clock = clock;
    }

    long expiry() {
        return clock.millis() + ttlMillis;
    }

    /**
     * Claims the right to read ahead at {@code key}: false when a chunk is there or being read, or
     * when the cache is full. A successful claim must end with {@link #put} or {@link #abandon}.
     */
    boolean claim(Key key) {
        if (closed || chunks.containsKey(key) || chunks.size() + pending.size() >= maxChunks) {
            return false;
        }
        return pending.add(key);
    }

    void abandon(Key key) {
        pending.remove(key);
    }

    /** The chunk starting at ({@code inode}, {@code offset}), now owned by the caller; or null. */
    Chunk take(long inode, long offset) {
        Chunk c = chunks.remove(new Key(inode, offset));
        if (c == null) {
            return null;
        }
        if (clock.millis() > c.expiresAt) {
            c.data.release();
            return null;
        }
        return c;
    }

    /** Ends a claim by keeping {@code c} (taking ownership of its buffer), unless dropped meanwhile. */
    void put(Key key, Chunk c) {
        if (closed || !pending.remove(key)) { // invalidated while it was being read
            c.data.release();
            return;
        }
        Chunk old = chunks.put(key, c);
        if (old != null) {
            old.data.release();
        }
        if (closed) {
            invalidateAll();
        }
    }

    /** Drops the chunks of {@code inode}, and makes its reads in progress drop theirs. */
    void invalidate(long inode) {
        pending.removeIf(k -> k.inode() == inode);
        for (Key k : chunks.keySet()) {
            if (k.inode() == inode) {
                release(k);
            }
        }
    }

    void invalidateAll() {
        pending.clear();
        for (Key k : chunks.keySet()) {
            release(k);
        }
    }

    private void release(Key k) {
        Chunk c = chunks.remove(k);
        if (c != null) {
            c.data.release();
        }
    }

    int size() {
        return chunks.size();
    }

    @Override
    public void close() {
        closed = true;
        invalidateAll();
    }
}
