package io.rowfs.proxy.cache;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.rowfs.protocol.xdr.FileSlice;
import io.rowfs.proxy.threading.BackendException;
import io.rowfs.proxy.threading.NonBlocking;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's copies of main-file data, in cache-sized chunks, in two tiers looked up in this
 * order: the memory tier of chunks just fetched ({@link RecentChunks}), then the disk cache
 * ({@link MainChunkCache}). A chunk fetched from main is {@linkplain #admit admitted}: it goes to
 * the memory tier at once, pinned, and to the disk cache in the background, after which the memory
 * tier may drop it; so a fetched chunk is always in one tier or both.
 *
 * <p>Back-pressure on the disk writes, in two steps of the memory tier's bound: readahead pauses
 * while one bound of chunks waits for the disk cache ({@link #diskBehind}), and readers' own fetches
 * wait while {@link #ROOM_FACTOR} bounds do ({@link #awaitRoom}), though never longer than
 * {@link #WAIT_SECONDS} (a stuck disk). Failed disk writes are logged at most once a minute.
 *
 * <p>Holds only image-wide state, keyed by main handle and chunk: one instance serves every proxy
 * engine (guest session) reading the same main image.
 *
 * <p>Threads: disk-cache reads and {@link #pinSpan} run inline on the caller (any reader thread);
 * {@link #admit} runs on whatever thread completes a main fetch (the main client's event loop) and
 * only hands buffers on; disk-cache writes and the unpinning after them run on {@code diskExecutor}.
 * Locks: {@link RecentChunks} and {@link MainChunkCache} each guard their state with their own
 * monitor; neither is held while calling the other or anything outside (both are leaves), and the
 * futures of {@link RecentChunks#pinnedBelow} complete after its lock is released.
 */
public final class ChunkTiers implements AutoCloseable {
    /** Chunks up to this long (small files, file tails) keep a budget of their own in the memory tier. */
    static final int SMALL_CHUNK = 4096;
    /** Readers' own fetches wait once this many memory bounds of chunks wait for the disk cache. */
    static final int ROOM_FACTOR = 2;
    /** The longest a reader waits, for main or for room: a stuck disk cache or main must not hang it. */
    static final long WAIT_SECONDS = 120;
    private static final long STORE_WARNING_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final Logger LOG = LoggerFactory.getLogger(ChunkTiers.class);
    /** Pooled: disk reads take a chunk-sized buffer per READ, which an unpooled allocator would map and free each time. */
    static final ByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;

    private final MainChunkCache disk;
    private final Executor diskExecutor;
    private final RecentChunks recent;
    private final int chunkSize;
    /** The memory tier's bound: readahead pauses while this much waits for the disk cache. */
    private final long memoryBound;
    private final AtomicLong lastStoreWarning = new AtomicLong();
    private final AtomicLong storeWarnings = new AtomicLong();

    /**
     * @param disk         the disk cache (closed by its owner, not here)
     * @param diskExecutor runs the disk-cache writes
     * @param memoryBytes  the memory tier's bound
     */
    public ChunkTiers(MainChunkCache disk, Executor diskExecutor, long memoryBytes) {
        this.disk = disk;
        this.diskExecutor = diskExecutor;
        this.chunkSize = disk.chunkSize();
        this.recent = new RecentChunks(memoryBytes, Math.min(SMALL_CHUNK, chunkSize / 4));
        this.memoryBound = memoryBytes;
    }

    public int chunkSize() {
        return chunkSize;
    }

    /**
     * Bytes {@code [from, from+length)} of a chunk, from memory or else from disk (into a pooled
     * direct buffer: page cache to buffer, no other copy), or null when neither tier holds them.
     * The caller releases the buffer.
     */
    ByteBuf slice(ChunkRef ref, int from, int length) {
        ByteBuf b = recent.slice(ref, from, length);
        return b != null ? b : fromDisk(ref, from, length);
    }

    private ByteBuf fromDisk(ChunkRef ref, int from, int length) {
        ByteBuf b = ALLOC.directBuffer(length, length);
        boolean ok = false;
        try {
            ByteBuffer view = b.nioBuffer(0, length);
            int chunkLength = disk.read(ref.handle(), ref.chunk(), from, view);
            if (chunkLength < from + length) {
                return null;
            }
            b.writerIndex(length);
            ok = true;
            return b;
        } finally {
            if (!ok) {
                b.release();
            }
        }
    }

    /** Whether either tier holds the chunk (no data is read). */
    boolean holds(ChunkRef ref) {
        return recent.contains(ref) || disk.contains(ref.handle(), ref.chunk());
    }

    boolean inMemory(ChunkRef ref) {
        return recent.contains(ref);
    }

    /** The disk cache's {@link MainChunkCache#pinSpan}: a pinned slice of its file, or null. */
    FileSlice pinSpan(byte[] mainHandle, long firstChunk, int from, int length) {
        return disk.pinSpan(mainHandle, firstChunk, from, length);
    }

    /**
     * A chunk fetched from main, taking over the caller's reference to {@code chunk}: into the
     * memory tier (pinned) and off to the disk cache in the background.
     */
    void admit(ChunkRef ref, ByteBuf chunk) {
        recent.put(ref, chunk.retain(), true); // the tier's reference; the caller's goes to the disk writer
        store(ref, chunk);
    }

    /** Writes a chunk to the disk cache in the background, then releases it and lets the memory tier drop it. */
    private void store(ChunkRef ref, ByteBuf chunk) {
        Runnable write = () -> {
            try {
                disk.store(ref.handle(), ref.chunk(), chunk.nioBuffers());
            } catch (RuntimeException e) {
                storeFailed(e); // the disk cache is only a copy: the chunk stays servable from main
            } finally {
                chunk.release();
                recent.unpin(ref);
            }
        };
        try {
            diskExecutor.execute(write);
        } catch (RejectedExecutionException closing) {
            chunk.release();
            recent.unpin(ref);
        }
    }

    /** Logs a failed disk-cache write, at most once a minute (a full disk fails every write). */
    private void storeFailed(RuntimeException e) {
        long now = System.nanoTime();
        long last = lastStoreWarning.get();
        if ((last == 0 || now - last > STORE_WARNING_INTERVAL_NANOS) && lastStoreWarning.compareAndSet(last, now)) {
            storeWarnings.incrementAndGet();
            LOG.warn("main-data cache: a chunk could not be written ({}); such chunks are read from main again."
                    + " Further failures within a minute are not logged", e.getMessage());
        }
    }

    /**
     * Whether one memory bound of fetched chunks waits for the disk cache: readahead (and any other
     * fetching ahead of readers) must pause, or it would outrun the disk cache and memory would grow
     * by the difference of the two rates (a cold GiB once left a backlog of hundreds of MiB, written
     * while the next reads wanted the CPU).
     */
    public boolean diskBehind() {
        return recent.pinnedBytes() >= memoryBound;
    }

    /**
     * Back-pressure: a read that must fetch waits while {@link #ROOM_FACTOR} times the memory
     * bound of fetched chunks still waits for the disk cache. Readahead stops at one bound; this
     * caps what readers' own fetches add when the disk cache falls behind for long (the kernel
     * throttles writers once gigabytes are dirty): without it the backlog grew to the JVM's
     * direct-memory limit, where every allocation ran a full GC, and reads fell to a fifth.
     * A disk cache stuck for {@link #WAIT_SECONDS} lets the read go on rather than hang it. On the
     * fast path it throws {@link NonBlocking.WouldBlock} naming the room to resume after.
     */
    void awaitRoom() {
        long bound = ROOM_FACTOR * memoryBound;
        if (recent.pinnedBytes() < bound) {
            return;
        }
        CompletableFuture<Void> room = recent.pinnedBelow(bound);
        NonBlocking.checkOr(room);
        try {
            room.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("main read interrupted", e);
        } catch (TimeoutException | ExecutionException e) {
            // the disk cache is stuck: serve the read, over the bound, rather than hang the client
        }
    }

    /** The memory tier's size in bytes (for tests and metrics). */
    public long memoryBytes() {
        return recent.bytes();
    }

    /** The bytes of the memory tier still waiting for the disk cache (for metrics). */
    public long pinnedBytes() {
        return recent.pinnedBytes();
    }

    /** How many failed disk-cache writes were logged (for tests). */
    long storeWarnings() {
        return storeWarnings.get();
    }

    /** Releases the memory tier (the disk cache is closed by its owner). */
    @Override
    public void close() {
        recent.close();
    }
}
