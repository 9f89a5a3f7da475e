package io.rowfs.proxy.cache;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.rowfs.protocol.xdr.FileSlice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Serves main-file data in cache-sized chunks, composing three parts: the {@link ChunkTiers}
 * (memory tier, then disk cache), the {@link ChunkFetcher} (one fetch from main per chunk however
 * many want it) and the {@link ReadaheadPolicy} (an adaptive window of further chunks in flight on
 * sequential access, so that throughput over a high-RTT link is bytes-in-flight / RTT rather than
 * one chunk per round trip). A read takes each chunk from a fetch already on its way, else from
 * the tiers, else it fetches it (waiting for room first while the disk cache lags far behind),
 * then lets readahead go on, then waits for its own chunks.
 *
 * <p>Data moves as Netty buffers without copies: main's reply buffers are sliced into chunks, disk
 * reads go straight into pooled direct buffers, and a read returns a (composite) buffer the caller
 * must release once; reads of at least {@link #MIN_FILE_SLICE} bytes wholly on disk may instead be
 * sent from the disk cache's file ({@link #readFromDisk}). Byte counts: MAIN when bytes arrive from
 * main (readahead included; told to the fetcher's listener), CACHE for the bytes of each completed
 * read (all of which are served from the proxy's copy, memory or disk).
 *
 * <p>Sharing: the tiers and the fetcher hold only image-wide state, so several proxy engines may
 * each have a {@code MainDataFetcher} of their own ({@link #MainDataFetcher(ChunkFetcher, int,
 * ByteSourceListener)}: own readahead streams and CACHE counts) over one shared fetcher; or share
 * one, whose only state is the readahead streams per file.
 *
 * <p>Thread-safe. {@link #read} blocks (worker threads; on a non-blocking attempt it throws
 * {@link io.rowfs.proxy.threading.NonBlocking.WouldBlock} before waiting for main or for room,
 * naming the future to resume after); disk cache reads run inline on the caller; disk cache writes
 * run on the tiers' disk executor; fetch completions run on the main client's event loop and only
 * slice buffers and hand work on. No lock of its own; lock order: a readahead stream's monitor, a
 * tier's monitor, each a leaf released before the next part is called (see the parts).
 */
public final class MainDataFetcher implements AutoCloseable {
    /** Defaults: readahead window 4..128 chunks, 4 chunks per main READ, 64 MiB memory tier. */
    public static final int DEFAULT_INITIAL_WINDOW = ReadaheadPolicy.DEFAULT_INITIAL_WINDOW;
    public static final int DEFAULT_FETCH_CHUNKS = ChunkFetcher.DEFAULT_FETCH_CHUNKS;
    public static final long DEFAULT_MEMORY_BYTES = 64L << 20;
    /** Reads of at least this many bytes may be served as a file slice ({@link #readFromDisk}). */
    static final int MIN_FILE_SLICE = 64 << 10;

    private final ChunkFetcher fetcher;
    private final ChunkTiers tiers;
    private final ReadaheadPolicy readahead;
    private final ByteSourceListener bytes;
    private final int chunkSize;
    /** Whether {@link #close} closes the tiers: only when this instance made them. */
    private final boolean ownsTiers;

    public MainDataFetcher(MainSource main, MainChunkCache cache, Executor diskExecutor, int readahead) {
        this(main, cache, diskExecutor, readahead, ByteSourceListener.NONE);
    }

    /** As above, telling {@code bytes} how much came from main and how much from the cache. */
    public MainDataFetcher(MainSource main, MainChunkCache cache, Executor diskExecutor, int readahead,
                           ByteSourceListener bytes) {
        this(main, cache, diskExecutor, readahead, DEFAULT_MEMORY_BYTES, bytes);
    }

    /**
     * With tiers and a fetcher of its own, closed with it (the disk cache is not: its owner closes it).
     *
     * @param readahead   the largest readahead window, in chunks (0: none)
     * @param memoryBytes the memory tier's bound
     */
    public MainDataFetcher(MainSource main, MainChunkCache cache, Executor diskExecutor, int readahead,
                           long memoryBytes, ByteSourceListener bytes) {
        this(new ChunkFetcher(main, new ChunkTiers(cache, diskExecutor, memoryBytes), bytes), readahead, bytes, true);
    }

    /**
     * Over a fetcher (and its tiers) shared with others, which {@link #close} leaves open.
     *
     * @param readahead the largest readahead window, in chunks (0: none)
     * @param bytes     told of the CACHE bytes of this instance's reads (MAIN bytes go to the fetcher's)
     */
    public MainDataFetcher(ChunkFetcher shared, int readahead, ByteSourceListener bytes) {
        this(shared, readahead, bytes, false);
    }

    private MainDataFetcher(ChunkFetcher fetcher, int readahead, ByteSourceListener bytes, boolean ownsTiers) {
        this.fetcher = fetcher;
        this.tiers = fetcher.tiers();
        this.readahead = new ReadaheadPolicy(fetcher, readahead);
        this.bytes = bytes;
        this.chunkSize = tiers.chunkSize();
        this.ownsTiers = ownsTiers;
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
        if (last > first) {
            ByteBuf copied = copyFromDisk(mainHandle, mainSize, first, last, offset, end);
            if (copied != null) {
                return copied;
            }
        }
        ByteBuf[] parts = new ByteBuf[(int) (last - first + 1)];
        try {
            CompletableFuture<Void>[] waits = lookUp(mainHandle, first, offset, end, parts);
            boolean caughtUp = fetchMissing(mainHandle, mainSize, first, parts, waits);
            readahead.afterRead(mainHandle, mainSize, first, last, caughtUp); // after this read's own fetches
            for (int i = 0; i < parts.length; i++) {
                if (parts[i] == null) {
                    long c = first + i;
                    parts[i] = fetcher.serve(mainHandle, mainSize, c, waits[i], from(c, offset), to(c, end) - from(c, offset));
                }
            }
            bytes.supplied(ByteSourceListener.ByteSource.CACHE, end - offset);
            return joined(parts);
        } catch (RuntimeException | Error e) {
            for (ByteBuf p : parts) {
                if (p != null) {
                    p.release();
                }
            }
            throw e;
        }
    }

    /** A read spanning chunks all on disk (none in memory or on its way), copied into one buffer; else null. */
    private ByteBuf copyFromDisk(byte[] mainHandle, long mainSize, long first, long last, long offset, long end) {
        FileSlice span = diskSpan(mainHandle, first, last, offset, end, true);
        if (span == null) {
            return null;
        }
        ByteBuf b = ChunkTiers.ALLOC.directBuffer(span.length(), span.length());
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

    /**
     * For each chunk of the read: the fetch on its way (into {@code waits}), else its bytes from the
     * tiers (into {@code parts}); both stay null for a chunk nobody has.
     */
    private CompletableFuture<Void>[] lookUp(byte[] mainHandle, long first, long offset, long end, ByteBuf[] parts) {
        @SuppressWarnings("unchecked")
        CompletableFuture<Void>[] waits = new CompletableFuture[parts.length];
        for (int i = 0; i < parts.length; i++) {
            long c = first + i;
            ChunkRef ref = new ChunkRef(mainHandle, c);
            waits[i] = fetcher.pending(ref);
            if (waits[i] == null) {
                parts[i] = tiers.slice(ref, from(c, offset), to(c, end) - from(c, offset));
            }
        }
        return waits;
    }

    /**
     * Starts the fetches of the chunks nobody has (waiting for room first, see
     * {@link ChunkTiers#awaitRoom}) and notes them in {@code waits}.
     *
     * @return whether the read caught up with readahead: a chunk was missing or still on its way
     */
    private boolean fetchMissing(byte[] mainHandle, long mainSize, long first, ByteBuf[] parts,
                                 CompletableFuture<Void>[] waits) {
        boolean caughtUp = false;
        List<Long> missing = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            caughtUp |= waits[i] != null;
            if (waits[i] == null && parts[i] == null) {
                missing.add(first + i);
            }
        }
        if (missing.isEmpty()) {
            return caughtUp;
        }
        tiers.awaitRoom();
        Map<Long, CompletableFuture<Void>> started = fetcher.fetch(mainHandle, mainSize, missing);
        for (long c : missing) {
            waits[(int) (c - first)] = started.get(c); // null: claimed by another meanwhile, served below
        }
        return true;
    }

    private static ByteBuf joined(ByteBuf[] parts) {
        if (parts.length == 1) {
            return parts[0];
        }
        CompositeByteBuf out = ChunkTiers.ALLOC.compositeDirectBuffer(parts.length);
        out.addComponents(true, parts);
        return out;
    }

    private int from(long chunk, long offset) {
        return (int) (Math.max(offset, chunk * chunkSize) - chunk * chunkSize);
    }

    private int to(long chunk, long end) {
        return (int) (Math.min(end, (chunk + 1) * chunkSize) - chunk * chunkSize);
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
        readahead.afterRead(mainHandle, mainSize, first, last, false);
        bytes.supplied(ByteSourceListener.ByteSource.CACHE, length);
    }

    /**
     * The whole range as a pinned span of the disk cache, when no chunk of it is on its way (nor in
     * memory, if {@code unlessInMemory}) and the disk cache holds them all; else null.
     */
    private FileSlice diskSpan(byte[] mainHandle, long first, long last, long offset, long end, boolean unlessInMemory) {
        for (long c = first; c <= last; c++) {
            ChunkRef ref = new ChunkRef(mainHandle, c);
            if (fetcher.fetching(ref) || (unlessInMemory && tiers.inMemory(ref))) {
                return null;
            }
        }
        return tiers.pinSpan(mainHandle, first, from(first, offset), (int) (end - offset));
    }

    /** The fetcher this reads through (to share it with further instances). */
    public ChunkFetcher fetcher() {
        return fetcher;
    }

    public int inFlightCount() {
        return fetcher.inFlightCount();
    }

    /** The memory tier's size in bytes (for tests and metrics). */
    public long memoryBytes() {
        return tiers.memoryBytes();
    }

    /** The bytes of the memory tier still waiting for the disk cache (for metrics). */
    public long pinnedBytes() {
        return tiers.pinnedBytes();
    }

    /** The current readahead window of a file, in chunks. */
    int window(byte[] mainHandle) {
        return readahead.window(mainHandle);
    }

    /** Releases the memory tier if this instance made it (the disk cache is closed by its owner). */
    @Override
    public void close() {
        if (ownsTiers) {
            tiers.close();
        }
    }
}
