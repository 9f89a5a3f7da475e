package io.rowfs.proxy.cache;

import io.netty.buffer.ByteBuf;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.proxy.threading.BackendException;
import io.rowfs.proxy.threading.NonBlocking;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches chunks from main into the {@link ChunkTiers}, one fetch per chunk however many want it:
 * a chunk is claimed in the in-flight table before it is asked of main, and whoever else wants it
 * meanwhile (a reader, readahead, a prefetcher) waits for that fetch instead of starting another.
 * Consecutive claimed chunks go to main together, in reads of up to {@code fetchChunks} chunks.
 * A reader whose chunk is still missing after the fetch it waited for (main returned short) asks
 * again, up to {@value #MAX_ATTEMPTS} times. MAIN bytes are counted here, as they arrive.
 *
 * <p>Two kinds of producer feed it: readers' own fetches and readahead ({@link MainDataFetcher}),
 * and, through {@link #prefetch}, anyone who knows ahead what will be read (e.g. a boot profile),
 * without going through a read. It holds only image-wide state (the in-flight table, keyed by
 * main handle and chunk), so one instance, over one {@link ChunkTiers}, serves every proxy engine
 * reading the same main image.
 *
 * <p>Threads: fetches are claimed and sent on the caller's thread (reader workers, the event loop
 * on a fast-path attempt, a prefetcher); {@link MainSource} completions run on the main client's
 * event loop, where they only slice the reply into chunks, {@linkplain ChunkTiers#admit admit}
 * them, and complete the chunks' futures: first every chunk leaves the in-flight table, then the
 * futures complete, since a completion may resume a READ that wants the next chunk. Readers wait
 * in {@link #serve} (workers only: on the fast path it throws {@link NonBlocking.WouldBlock} naming
 * the fetch to resume after). Locks: none of its own; the in-flight table is a concurrent map whose
 * bin locks are held only inside its own operations, never while calling the tiers or main, so
 * the order is simply: this class's calls, then a tier's monitor (a leaf).
 */
public final class ChunkFetcher {
    /** Chunks per main READ by default (fewer for chunks over 1 MiB: at most 4 MiB per READ). */
    public static final int DEFAULT_FETCH_CHUNKS = 4;
    static final int MAX_ATTEMPTS = 3;

    private final MainSource main;
    private final ChunkTiers tiers;
    private final int chunkSize;
    private final int fetchChunks;
    private final ByteSourceListener bytes;
    private final Map<ChunkRef, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();

    /** @param bytes told of the MAIN bytes, as they arrive (readahead and prefetches included) */
    public ChunkFetcher(MainSource main, ChunkTiers tiers, ByteSourceListener bytes) {
        this.main = main;
        this.tiers = tiers;
        this.chunkSize = tiers.chunkSize();
        this.fetchChunks = Math.max(1, Math.min(DEFAULT_FETCH_CHUNKS, (4 << 20) / chunkSize));
        this.bytes = bytes;
    }

    public ChunkTiers tiers() {
        return tiers;
    }

    /**
     * Starts fetches for the chunks {@code [first, last]} of a main file of {@code mainSize} bytes
     * that no tier holds and nobody fetches yet, and returns at once; readers then find them on
     * their way or in the tiers. The caller paces itself: while {@link ChunkTiers#diskBehind} it
     * should not prefetch, as readahead does not.
     *
     * @return completes when every fetch started here has (exceptionally if one failed); at once
     *     when none was started
     */
    public CompletableFuture<Void> prefetch(byte[] mainHandle, long mainSize, long first, long last) {
        List<Long> wanted = new ArrayList<>();
        for (long c = first; c <= last; c++) {
            ChunkRef ref = new ChunkRef(mainHandle, c);
            // only what is neither cached nor on its way: re-reading a cached chunk here would
            // read it from disk once per READ that passes over it
            if (!inFlight.containsKey(ref) && !tiers.holds(ref)) {
                wanted.add(c);
            }
        }
        Map<Long, CompletableFuture<Void>> started = fetch(mainHandle, mainSize, wanted);
        return started.isEmpty() ? CompletableFuture.completedFuture(null)
                : CompletableFuture.allOf(started.values().toArray(CompletableFuture[]::new));
    }

    /** The fetch of the chunk now on its way, or null. */
    CompletableFuture<Void> pending(ChunkRef ref) {
        return inFlight.get(ref);
    }

    /** Whether a fetch of the chunk is on its way. */
    boolean fetching(ChunkRef ref) {
        return inFlight.containsKey(ref);
    }

    /**
     * Claims each chunk of {@code chunks} (ascending) that nobody fetches yet and no tier holds,
     * and reads the claimed ones from main, consecutive chunks together in reads of up to
     * {@code fetchChunks}. Chunks at or past {@code mainSize} are skipped.
     *
     * @return the claimed chunks' fetches
     */
    Map<Long, CompletableFuture<Void>> fetch(byte[] mainHandle, long mainSize, List<Long> chunks) {
        Map<Long, CompletableFuture<Void>> claimed = new HashMap<>();
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
            if (tiers.holds(ref)) {
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

    /** Main's bytes for a run of chunks, sliced (no copy) into chunks for the tiers. */
    private void arrived(List<ChunkRef> run, ByteBuf data) {
        int got = data.readableBytes();
        bytes.supplied(ByteSourceListener.ByteSource.MAIN, got);
        for (int k = 0; k < run.size() && (long) k * chunkSize < got; k++) {
            int from = k * chunkSize;
            int length = Math.min(chunkSize, got - from);
            tiers.admit(run.get(k), data.retainedSlice(data.readerIndex() + from, length));
        }
    }

    /**
     * Waits for the chunk's fetch {@code pending} (or any on its way, or one it starts) and serves
     * bytes {@code [from, from+length)} of the chunk from the tiers; a failed fetch is thrown to the
     * reader. On the fast path, rather than wait, it throws {@link NonBlocking.WouldBlock} naming the
     * fetch: once that completes, an attempt again finds the chunk in the tiers.
     */
    ByteBuf serve(byte[] mainHandle, long mainSize, long chunk, CompletableFuture<Void> pending, int from, int length) {
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
            ByteBuf b = tiers.slice(ref, from, length);
            if (b != null) {
                return b;
            }
            f = fetch(mainHandle, mainSize, List.of(chunk)).get(chunk);
        }
        throw new NfsException(Nfs3Status.IO, "main returned less than its size for " + ref);
    }

    private static void waitFor(CompletableFuture<Void> f) {
        try {
            f.get(ChunkTiers.WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("main read interrupted", e);
        } catch (TimeoutException e) {
            throw new BackendException("main read: no answer within " + ChunkTiers.WAIT_SECONDS + " s", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NfsException n) {
                throw n;
            }
            throw new BackendException("main read: " + e.getCause(), e.getCause());
        }
    }

    /** Chunk fetches on their way now. */
    public int inFlightCount() {
        return inFlight.size();
    }
}
