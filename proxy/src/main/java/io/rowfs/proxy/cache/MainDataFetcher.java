package io.rowfs.proxy.cache;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Serves main-file data in cache-sized chunks: from the {@link MainChunkCache} when present, else
 * from main (one fetch per chunk however many readers want it at once), storing what main returns.
 * On sequential access it keeps {@code readahead} further chunks in flight, so throughput over a
 * high-RTT link is bytes-in-flight / RTT rather than one chunk per round trip.
 *
 * <p>Thread-safe. Cache (disk) work runs on {@code diskExecutor}, never on the caller's thread,
 * so callers on a Netty event loop are not blocked.
 */
public final class MainDataFetcher {
    private final MainSource main;
    private final MainChunkCache cache;
    private final Executor diskExecutor;
    private final int chunkSize;
    private final int readahead;
    private final ByteSourceListener bytes;
    private final Map<ChunkRef, CompletableFuture<byte[]>> inFlight = new ConcurrentHashMap<>();
    private final Map<HandleRef, Long> lastChunkRead = new ConcurrentHashMap<>();

    public MainDataFetcher(MainSource main, MainChunkCache cache, Executor diskExecutor, int readahead) {
        this(main, cache, diskExecutor, readahead, ByteSourceListener.NONE);
    }

    /** As above, telling {@code bytes} how much came from main and how much from the cache. */
    public MainDataFetcher(MainSource main, MainChunkCache cache, Executor diskExecutor, int readahead,
                           ByteSourceListener bytes) {
        this.main = main;
        this.cache = cache;
        this.diskExecutor = diskExecutor;
        this.chunkSize = cache.chunkSize();
        this.readahead = readahead;
        this.bytes = bytes;
    }

    /**
     * Reads {@code [offset, offset+count)} of a main file of {@code mainSize} bytes, clipped to that
     * size. Completes with exactly the clipped number of bytes.
     */
    public CompletableFuture<byte[]> read(byte[] mainHandle, long mainSize, long offset, int count) {
        long end = Math.min(mainSize, offset + count);
        if (offset >= end) {
            return CompletableFuture.completedFuture(new byte[0]);
        }
        long first = offset / chunkSize;
        long last = (end - 1) / chunkSize;
        noteAccess(mainHandle, mainSize, first, last);
        @SuppressWarnings("unchecked")
        CompletableFuture<byte[]>[] parts = new CompletableFuture[(int) (last - first + 1)];
        for (long c = first; c <= last; c++) {
            parts[(int) (c - first)] = chunk(mainHandle, c);
        }
        return CompletableFuture.allOf(parts).thenApply(v -> assemble(parts, first, offset, end));
    }

    private byte[] assemble(CompletableFuture<byte[]>[] parts, long firstChunk, long offset, long end) {
        byte[] out = new byte[(int) (end - offset)];
        for (int i = 0; i < parts.length; i++) {
            byte[] chunk = parts[i].join();
            long chunkStart = (firstChunk + i) * chunkSize;
            long from = Math.max(offset, chunkStart);
            long to = Math.min(end, chunkStart + chunk.length);
            if (to > from) {
                System.arraycopy(chunk, (int) (from - chunkStart), out, (int) (from - offset), (int) (to - from));
            }
        }
        return out;
    }

    /** One chunk, shared by every concurrent caller. */
    CompletableFuture<byte[]> chunk(byte[] mainHandle, long chunk) {
        ChunkRef ref = new ChunkRef(mainHandle, chunk);
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        CompletableFuture<byte[]> existing = inFlight.putIfAbsent(ref, mine);
        if (existing != null) {
            return existing;
        }
        CompletableFuture.supplyAsync(() -> fromCache(mainHandle, chunk), diskExecutor)
                .thenCompose(hit -> hit != null ? CompletableFuture.completedFuture(hit)
                        : main.read(mainHandle, chunk * chunkSize, chunkSize)
                                .thenApplyAsync(data -> store(mainHandle, chunk, data), diskExecutor))
                .whenComplete((data, error) -> {
                    inFlight.remove(ref, mine);
                    if (error != null) {
                        mine.completeExceptionally(error);
                    } else {
                        mine.complete(data);
                    }
                });
        return mine;
    }

    private byte[] fromCache(byte[] mainHandle, long chunk) {
        ByteBuffer dst = ByteBuffer.allocate(chunkSize);
        int n = cache.read(mainHandle, chunk, dst);
        if (n < 0) {
            return null;
        }
        bytes.supplied(ByteSourceListener.ByteSource.CACHE, n);
        return Arrays.copyOf(dst.array(), n);
    }

    private byte[] store(byte[] mainHandle, long chunk, byte[] data) {
        bytes.supplied(ByteSourceListener.ByteSource.MAIN, data.length);
        if (data.length > 0) {
            cache.store(mainHandle, chunk, ByteBuffer.wrap(data));
        }
        return data;
    }

    /** Starts readahead when this read continues the previous one on the same file. */
    private void noteAccess(byte[] mainHandle, long mainSize, long first, long last) {
        if (readahead <= 0) {
            return;
        }
        HandleRef key = new HandleRef(mainHandle);
        Long previous = lastChunkRead.put(key, last);
        if (lastChunkRead.size() > 4096) {
            lastChunkRead.clear(); // a bounded hint table, not state: losing it only delays readahead
        }
        boolean sequential = previous != null && (first == previous || first == previous + 1);
        if (!sequential) {
            return;
        }
        long lastChunkOfFile = (mainSize - 1) / chunkSize;
        for (long c = last + 1; c <= Math.min(last + readahead, lastChunkOfFile); c++) {
            // prefetch only what is neither cached nor on its way: re-reading a cached chunk here
            // would read it from disk once per READ that passes over it
            if (!inFlight.containsKey(new ChunkRef(mainHandle, c)) && !cache.contains(mainHandle, c)) {
                chunk(mainHandle, c);
            }
        }
    }

    public int inFlightCount() {
        return inFlight.size();
    }

    private record HandleRef(byte[] handle) {
        @Override
        public boolean equals(Object o) {
            return o instanceof HandleRef h && Arrays.equals(handle, h.handle);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(handle);
        }
    }

    private record ChunkRef(byte[] handle, long chunk) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ChunkRef c && chunk == c.chunk && Arrays.equals(handle, c.handle);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(handle) * 31 + Long.hashCode(chunk);
        }
    }
}
