package io.rowfs.proxy.cache;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.protocol.xdr.FileSlice;
import io.rowfs.proxy.threading.BackendException;
import io.rowfs.proxy.threading.NonBlocking;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves main-file data in cache-sized chunks from three tiers, in this order: a fetch already on
 * its way (one fetch per chunk however many readers want it), the memory tier of chunks just
 * fetched ({@link RecentChunks}), the disk cache ({@link MainChunkCache}); else it fetches from
 * main. Fetched chunks go to the memory tier at once and to the disk cache in the background. On
 * sequential access it keeps an adaptive window of further chunks in flight
 * ({@link ReadaheadWindow}), fetched in reads of up to {@code fetchChunks} chunks each, so that
 * throughput over a high-RTT link is bytes-in-flight / RTT rather than one chunk per round trip.
 *
 * <p>Data moves as Netty buffers without copies: main's reply buffers are sliced into chunks, disk
 * reads go straight into pooled direct buffers, and a read returns a (composite) buffer the caller
 * must release once. Byte counts: MAIN when bytes arrive from main (readahead included), CACHE for
 * the bytes of each completed read (all of which are served from the proxy's copy, memory or disk).
 *
 * <p>Thread-safe. {@link #read} blocks (worker threads; on a non-blocking attempt it throws
 * {@link NonBlocking.WouldBlock} before waiting for main); disk cache reads run inline on the
 * caller; disk cache writes run on {@code diskExecutor}; fetch completions run on the main
 * client's event loop and only slice buffers and hand work on.
 */
public final class MainDataFetcher implements AutoCloseable {
    /** Defaults: readahead window 4..128 chunks, 4 chunks per main READ, 64 MiB memory tier. */
    public static final int DEFAULT_INITIAL_WINDOW = 4;
    public static final int DEFAULT_FETCH_CHUNKS = 4;
    public static final long DEFAULT_MEMORY_BYTES = 64L << 20;
    /** Chunks up to this long (small files, file tails) keep a budget of their own in the memory tier. */
    static final int SMALL_CHUNK = 4096;
    /** Reads of at least this many bytes may be served as a file slice ({@link #readFromDisk}). */
    static final int MIN_FILE_SLICE = 64 << 10;
    private static final long WAIT_SECONDS = 120;
    /** Readers' own fetches wait once this many memory bounds of chunks wait for the disk cache. */
    static final int ROOM_FACTOR = 2;
    private static final int MAX_ATTEMPTS = 3;
    private static final long STORE_WARNING_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final Logger LOG = LoggerFactory.getLogger(MainDataFetcher.class);
    /** Pooled: disk reads take a chunk-sized buffer per READ, which an unpooled allocator would map and free each time. */
    private static final ByteBufAllocator ALLOC = io.netty.buffer.PooledByteBufAllocator.DEFAULT;

    private final MainSource main;
    private final MainChunkCache cache;
    private final Executor diskExecutor;
    private final int chunkSize;
    private final int fetchChunks;
    private final ReadaheadWindow readahead;
    private final RecentChunks recent;
    /** The memory tier's bound: readahead pauses while this much waits for the disk cache. */
    private final long memoryBound;
    private final ByteSourceListener bytes;
    private final Map<ChunkRef, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong lastStoreWarning = new AtomicLong();

    public MainDataFetcher(MainSource main, MainChunkCache cache, Executor diskExecutor, int readahead) {
        this(main, cache, diskExecutor, readahead, ByteSourceListener.NONE);
    }

    /** As above, telling {@code bytes} how much came from main and how much from the cache. */
    public MainDataFetcher(MainSource main, MainChunkCache cache, Executor diskExecutor, int readahead,
                           ByteSourceListener bytes) {
        this(main, cache, diskExecutor, readahead, DEFAULT_MEMORY_BYTES, bytes);
    }

    /**
     * @param readahead   the largest readahead window, in chunks (0: none)
     * @param memoryBytes the memory tier's bound
     */
    public MainDataFetcher(MainSource main, MainChunkCache cache, Executor diskExecutor, int readahead,
                           long memoryBytes, ByteSourceListener bytes) {
        this.main = main;
        this.cache = cache;
        this.diskExecutor = diskExecutor;
        this.chunkSize = cache.chunkSize();
        this.fetchChunks = Math.max(1, Math.min(DEFAULT_FETCH_CHUNKS, (4 << 20) / chunkSize));
        this.readahead = new ReadaheadWindow(Math.min(DEFAULT_INITIAL_WINDOW, readahead), readahead);
        this.recent = new RecentChunks(memoryBytes, Math.min(SMALL_CHUNK, chunkSize / 4));
        this.memoryBound = memoryBytes;
        this.bytes = bytes;
    }

    /**
     * Reads {@code [offset, offset+count)} of a main file of {@code mainSize} bytes, clipped to that
     * size: a buffer of exactly the clipped number of bytes, which the caller releases.
     */
    public ByteBuf read(byte[] mainHandle, long mainSize, long offset, int count) {
        long end = Math.min(mainSize, offset + count);
        if (offset >= end) {
            return Unpooled.EMPTY_BUFFER;
        }
        long first = offset / chunkSize;
        long last = (end - 1) / chunkSize;
        int n = (int) (last - first + 1);
        if (n > 1) {
            FileSlice span = diskSpan(mainHandle, first, last, offset, end, true);
            if (span != null) {
                ByteBuf b = ALLOC.directBuffer(span.length(), span.length());
                try {
                    span.readInto(b);
                    servedFromDisk(mainHandle, mainSize, first, last, end - offset);
                } catch (RuntimeException | Error e) {
                    b.release();
                    throw e;
                } finally {
                    span.release();
                }
                return b;
            }
        }
        ByteBuf[] parts = new ByteBuf[n];
        try {
            List<Long> missing = null;
            @SuppressWarnings("unchecked")
            CompletableFuture<Void>[] waits = new CompletableFuture[n];
            for (int i = 0; i < n; i++) {
                long c = first + i;
                ChunkRef ref = new ChunkRef(mainHandle, c);
                waits[i] = inFlight.get(ref);
                if (waits[i] == null) {
                    parts[i] = local(ref, from(c, offset), to(c, end) - from(c, offset));
                    if (parts[i] == null) {
                        missing = missing == null ? new ArrayList<>() : missing;
                        missing.add(c);
                    }
                }
            }
            if (missing != null) {
                awaitRoom();
            }
            boolean caughtUp = missing != null;
            for (CompletableFuture<Void> w : waits) {
                caughtUp |= w != null;
            }
            ReadaheadWindow.Range ahead = readahead.onRead(mainHandle, first, last, (mainSize - 1) / chunkSize, caughtUp);
            if (missing != null) {
                Map<Long, CompletableFuture<Void>> started = fetch(mainHandle, mainSize, missing);
                for (long c : missing) {
                    waits[(int) (c - first)] = started.get(c);
                }
            }
            prefetch(mainHandle, mainSize, ahead); // after this read's own fetches: those are wanted first
            for (int i = 0; i < n; i++) {
                if (parts[i] == null) {
                    long c = first + i;
                    parts[i] = await(mainHandle, mainSize, c, waits[i], from(c, offset), to(c, end) - from(c, offset));
                }
            }
            bytes.supplied(ByteSourceListener.ByteSource.CACHE, end - offset);
            if (n == 1) {
                return parts[0];
            }
            CompositeByteBuf out = ALLOC.compositeDirectBuffer(n);
            out.addComponents(true, parts);
            return out;
        } catch (RuntimeException | Error e) {
            for (ByteBuf p : parts) {
                if (p != null) {
                    p.release();
                }
            }
            throw e;
        }
    }

    private int from(long chunk, long offset) {
        return (int) (Math.max(offset, chunk * chunkSize) - chunk * chunkSize);
    }

    private int to(long chunk, long end) {
        return (int) (Math.min(end, (chunk + 1) * chunkSize) - chunk * chunkSize);
    }

    /** Bytes of one chunk from memory or disk, or null. */
    private ByteBuf local(ChunkRef ref, int from, int length) {
        ByteBuf b = recent.slice(ref, from, length);
        return b != null ? b : fromDisk(ref, from, length);
    }

    /**
     * Reads {@code [offset, offset+count)} of a main file of {@code mainSize} bytes, clipped to that
     * size, as a slice of the disk cache's file, to be sent from there (sendfile: the bytes never
     * enter the JVM): when the range is at least {@link #MIN_FILE_SLICE} bytes and lies whole in the
     * disk cache, with no chunk of it on its way (a warm sequential read, or a cold one the
     * readahead and the disk writes are ahead of). Else null, and nothing was done. The slice pins
     * its slots until released.
     */
    public FileSlice readFromDisk(byte[] mainHandle, long mainSize, long offset, int count) {
        long end = Math.min(mainSize, offset + count);
        if (end - offset < MIN_FILE_SLICE) {
            return null;
        }
        long first = offset / chunkSize;
        long last = (end - 1) / chunkSize;
        // chunks also in memory go from the file too: sendfile costs no copy, a send from memory one
        FileSlice span = diskSpan(mainHandle, first, last, offset, end, false);
        if (span != null) {
            try {
                servedFromDisk(mainHandle, mainSize, first, last, end - offset);
            } catch (RuntimeException | Error e) {
                span.release();
                throw e;
            }
        }
        return span;
    }

    /** Bookkeeping of a read served whole from the disk cache: readahead goes on, bytes are counted. */
    private void servedFromDisk(byte[] mainHandle, long mainSize, long first, long last, long length) {
        prefetch(mainHandle, mainSize, readahead.onRead(mainHandle, first, last, (mainSize - 1) / chunkSize, false));
        bytes.supplied(ByteSourceListener.ByteSource.CACHE, length);
    }

    /**
     * The whole range as a pinned span of the disk cache, when no chunk of it is on its way (nor in
     * memory, if {@code unlessInMemory}) and the disk cache holds them all; else null.
     */
    private FileSlice diskSpan(byte[] mainHandle, long first, long last, long offset, long end, boolean unlessInMemory) {
        for (long c = first; c <= last; c++) {
            ChunkRef ref = new ChunkRef(mainHandle, c);
            if (inFlight.containsKey(ref) || (unlessInMemory && recent.contains(ref))) {
                return null;
            }
        }
        return cache.pinSpan(mainHandle, first, from(first, offset), (int) (end - offset));
    }

    /** A pooled direct buffer filled by the disk cache (page cache to buffer, no other copy), or null. */
    private ByteBuf fromDisk(ChunkRef ref, int from, int length) {
        ByteBuf b = ALLOC.directBuffer(length, length);
        boolean ok = false;
        try {
            ByteBuffer view = b.nioBuffer(0, length);
            int chunkLength = cache.read(ref.handle(), ref.chunk(), from, view);
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

    /**
     * Waits for the chunk's fetch {@code pending} (or any on its way, or one it starts) and serves
     * the chunk; a failed fetch is thrown to the reader.
     */
    private ByteBuf await(byte[] mainHandle, long mainSize, long chunk, CompletableFuture<Void> pending,
                          int from, int length) {
        ChunkRef ref = new ChunkRef(mainHandle, chunk);
        CompletableFuture<Void> f = pending;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            if (f == null) {
                f = inFlight.get(ref);
            }
            if (f != null) {
                NonBlocking.checkOr(f); // on the fast path: the READ resumes when the fetch completes
                waitFor(f);
            }
            ByteBuf b = local(ref, from, length);
            if (b != null) {
                return b;
            }
            f = fetch(mainHandle, mainSize, List.of(chunk)).get(chunk);
        }
        throw new NfsException(Nfs3Status.IO, "main returned less than its size for " + ref);
    }

    /**
     * Back-pressure: a read that must fetch waits while {@link #ROOM_FACTOR} times the memory
     * bound of fetched chunks still waits for the disk cache. Readahead stops at one bound; this
     * caps what readers' own fetches add when the disk cache falls behind for long (the kernel
     * throttles writers once gigabytes are dirty): without it the backlog grew to the JVM's
     * direct-memory limit, where every allocation ran a full GC, and reads fell to a fifth.
     * A disk cache stuck for {@link #WAIT_SECONDS} lets the read go on rather than hang it.
     */
    private void awaitRoom() {
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

    private static void waitFor(CompletableFuture<Void> f) {
        try {
            f.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("main read interrupted", e);
        } catch (TimeoutException e) {
            throw new BackendException("main read: no answer within " + WAIT_SECONDS + " s", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NfsException n) {
                throw n;
            }
            throw new BackendException("main read: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Starts fetches for the chunks of {@code range} that no tier holds and nobody fetches; none
     * while the chunks waiting for the disk cache fill the memory tier's bound: readahead may not
     * outrun the disk cache, or memory would grow by the difference of the two rates (a cold GiB
     * once left a backlog of hundreds of MiB, written while the next reads wanted the CPU).
     */
    private void prefetch(byte[] mainHandle, long mainSize, ReadaheadWindow.Range range) {
        if (range.isEmpty()) {
            return;
        }
        if (recent.pinnedBytes() >= memoryBound) {
            readahead.notFetched(mainHandle, range);
            return;
        }
        List<Long> wanted = new ArrayList<>();
        for (long c = range.first(); c <= range.last(); c++) {
            ChunkRef ref = new ChunkRef(mainHandle, c);
            // prefetch only what is neither cached nor on its way: re-reading a cached chunk here
            // would read it from disk once per READ that passes over it
            if (!inFlight.containsKey(ref) && !recent.contains(ref) && !cache.contains(mainHandle, c)) {
                wanted.add(c);
            }
        }
        fetch(mainHandle, mainSize, wanted);
    }

    /**
     * Claims each chunk of {@code chunks} (ascending) that nobody fetches yet and reads the claimed
     * ones from main, consecutive chunks together in reads of up to {@code fetchChunks}.
     *
     * @return the claimed chunks' fetches
     */
    private Map<Long, CompletableFuture<Void>> fetch(byte[] mainHandle, long mainSize, List<Long> chunks) {
        Map<Long, CompletableFuture<Void>> claimed = new java.util.HashMap<>();
        List<ChunkRef> run = new ArrayList<>();
        List<CompletableFuture<Void>> runFutures = new ArrayList<>();
        for (long c : chunks) {
            if (c * chunkSize >= mainSize) {
                continue;
            }
            ChunkRef ref = new ChunkRef(mainHandle, c);
            CompletableFuture<Void> mine = new CompletableFuture<>();
            if (inFlight.putIfAbsent(ref, mine) != null) {
                continue;
            }
            // claimed; a fetch may have completed between the caller's look and the claim
            if (recent.contains(ref) || cache.contains(mainHandle, c)) {
                inFlight.remove(ref, mine);
                mine.complete(null);
                continue;
            }
            if (!run.isEmpty() && (run.size() == fetchChunks || run.get(run.size() - 1).chunk() != c - 1)) {
                send(mainHandle, mainSize, run, runFutures);
                run = new ArrayList<>();
                runFutures = new ArrayList<>();
            }
            run.add(ref);
            runFutures.add(mine);
            claimed.put(c, mine);
        }
        if (!run.isEmpty()) {
            send(mainHandle, mainSize, run, runFutures);
        }
        return claimed;
    }

    private void send(byte[] mainHandle, long mainSize, List<ChunkRef> run, List<CompletableFuture<Void>> futures) {
        long start = run.get(0).chunk() * chunkSize;
        int length = (int) Math.min((long) run.size() * chunkSize, mainSize - start);
        CompletableFuture<ByteBuf> call;
        try {
            call = main.read(mainHandle, start, length);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenComplete((data, error) -> {
            if (error == null) {
                try {
                    arrived(run, data);
                } catch (RuntimeException e) {
                    error = e;
                } finally {
                    data.release();
                }
            }
            for (int i = 0; i < run.size(); i++) { // all first: a completion may resume a READ wanting the next chunk
                inFlight.remove(run.get(i), futures.get(i));
            }
            for (int i = 0; i < run.size(); i++) {
                if (error != null) {
                    futures.get(i).completeExceptionally(error);
                } else {
                    futures.get(i).complete(null);
                }
            }
        });
    }

    /** Main's bytes for a run of chunks: into the memory tier (pinned) and off to the disk cache. */
    private void arrived(List<ChunkRef> run, ByteBuf data) {
        int got = data.readableBytes();
        bytes.supplied(ByteSourceListener.ByteSource.MAIN, got);
        for (int k = 0; k < run.size() && (long) k * chunkSize < got; k++) {
            int from = k * chunkSize;
            int length = Math.min(chunkSize, got - from);
            ChunkRef ref = run.get(k);
            ByteBuf chunk = data.retainedSlice(data.readerIndex() + from, length);
            recent.put(ref, chunk.retain(), true); // the tier's reference; ours goes to the disk writer
            store(ref, chunk);
        }
    }

    /** Writes a chunk to the disk cache in the background, then releases it and lets the memory tier drop it. */
    private void store(ChunkRef ref, ByteBuf chunk) {
        Runnable write = () -> {
            try {
                cache.store(ref.handle(), ref.chunk(), chunk.nioBuffers());
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
            LOG.warn("main-data cache: a chunk could not be written ({}); such chunks are read from main again."
                    + " Further failures within a minute are not logged", e.getMessage());
        }
    }

    public int inFlightCount() {
        return inFlight.size();
    }

    /** The memory tier's size in bytes (for tests and metrics). */
    public long memoryBytes() {
        return recent.bytes();
    }

    /** The bytes of the memory tier still waiting for the disk cache (for metrics). */
    public long pinnedBytes() {
        return recent.pinnedBytes();
    }

    /** The current readahead window of a file, in chunks. */
    int window(byte[] mainHandle) {
        return readahead.window(mainHandle);
    }

    /** Releases the memory tier (the disk cache is closed by its owner). */
    @Override
    public void close() {
        recent.close();
    }
}
