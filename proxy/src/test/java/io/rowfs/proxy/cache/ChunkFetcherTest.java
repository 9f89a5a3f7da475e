package io.rowfs.proxy.cache;

import static io.rowfs.proxy.cache.FakeMain.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.proxy.threading.NonBlocking;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The de-duplicated fetcher: one fetch per chunk, prefetch as a second producer, runs, retries, sharing. */
class ChunkFetcherTest {
    static final int CHUNK = 4096;
    @TempDir
    Path dir;
    final byte[] h = {9};
    final FakeMain main = new FakeMain(10 * CHUNK + 100);
    final long size = main.file.length;
    final AtomicLong fromMain = new AtomicLong();
    final List<Runnable> diskBacklog = java.util.Collections.synchronizedList(new ArrayList<>());
    MainChunkCache cache;
    ChunkTiers tiers;
    ChunkFetcher fetcher;

    /** Tiers of {@code memoryBytes} over a fresh disk cache, written by {@code disk}; a fetcher over them. */
    void open(Executor disk, long memoryBytes) throws Exception {
        cache = MainChunkCache.open(dir, 64 * CHUNK, CHUNK);
        tiers = new ChunkTiers(cache, disk, memoryBytes);
        fetcher = new ChunkFetcher(main, tiers, (source, n) -> {
            if (source == ByteSourceListener.ByteSource.MAIN) fromMain.addAndGet(n);
        });
    }

    @AfterEach
    void close() throws Exception {
        main.release();
        if (fetcher != null) {
            FakeMain.waitIdle(fetcher);
            synchronized (diskBacklog) {
                diskBacklog.forEach(Runnable::run);
            }
            tiers.close();
            cache.close();
        }
        main.assertAllReleased();
    }

    @Test
    void twoReadersWantingOneChunkCostOneFetch() throws Exception {
        open(Runnable::run, 1 << 20);
        main.hold();
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try {
            Future<byte[]> a = readers.submit(() -> bytes(fetcher.serve(h, size, 1, null, 10, 100)));
            while (main.reads.get() == 0) Thread.sleep(1); // a's fetch is on its way
            Future<byte[]> b = readers.submit(() -> bytes(fetcher.serve(h, size, 1, null, 0, CHUNK)));
            assertTrue(fetcher.fetch(h, size, List.of(1L)).isEmpty(), "claimed already: no second claim");
            Thread.sleep(50); // b is waiting too
            assertEquals(1, main.reads.get());
            main.release();
            assertArrayEquals(main.range(CHUNK + 10, CHUNK + 110), a.get(5, TimeUnit.SECONDS));
            assertArrayEquals(main.range(CHUNK, 2 * CHUNK), b.get(5, TimeUnit.SECONDS));
            assertEquals(1, main.reads.get(), "one fetch served both readers");
            assertEquals(CHUNK, fromMain.get());
        } finally {
            readers.shutdownNow();
        }
    }

    @Test
    void aPrefetchedRangeIsReadWithoutAnotherFetch() throws Exception {
        open(Runnable::run, 1 << 20);
        fetcher.prefetch(h, size, 0, 7).get(5, TimeUnit.SECONDS);
        assertEquals(2, main.reads.get(), "8 chunks in READs of 4");
        assertEquals(8 * CHUNK, fromMain.get());
        MainDataFetcher reader = new MainDataFetcher(fetcher, 0, ByteSourceListener.NONE);
        assertArrayEquals(main.range(100, 8 * CHUNK), bytes(reader.read(h, size, 100, 8 * CHUNK - 100)));
        assertEquals(2, main.reads.get(), "no second fetch");
        assertEquals(8 * CHUNK, fromMain.get());
    }

    @Test
    void aReadWhileAPrefetchIsOnItsWayResumesAfterThatFetch() throws Exception {
        open(Runnable::run, 1 << 20);
        main.hold();
        CompletableFuture<Void> prefetched = fetcher.prefetch(h, size, 0, 3);
        assertFalse(prefetched.isDone());
        MainDataFetcher reader = new MainDataFetcher(fetcher, 0, ByteSourceListener.NONE);
        assertThrows(NonBlocking.WouldBlock.class, () -> NonBlocking.attempt(() -> reader.read(h, size, 2 * CHUNK, 10)));
        CompletableFuture<?> resume = NonBlocking.resumeAfter();
        assertSame(fetcher.pending(new ChunkRef(h, 2)), resume, "the prefetch's own fetch is named");
        main.release();
        resume.get(5, TimeUnit.SECONDS);
        prefetched.get(5, TimeUnit.SECONDS); // the prefetcher learns its fetches are done
        assertArrayEquals(main.range(2 * CHUNK, 2 * CHUNK + 10), bytes(NonBlocking.attempt(() -> reader.read(h, size, 2 * CHUNK, 10))));
        assertEquals(1, main.reads.get());
    }

    @Test
    void prefetchAsksOnlyForWhatNoTierHoldsNorIsOnItsWayAndStopsAtTheEndOfFile() throws Exception {
        open(Runnable::run, 1 << 20);
        fetcher.prefetch(h, size, 0, 3).get(5, TimeUnit.SECONDS);
        assertTrue(fetcher.prefetch(h, size, 0, 3).isDone(), "nothing to start");
        fetcher.prefetch(h, size, 2, 5).get(5, TimeUnit.SECONDS);
        fetcher.prefetch(h, size, 9, 20).get(5, TimeUnit.SECONDS);
        assertEquals(3, main.reads.get());
        assertArrayEquals(new long[] {4 * CHUNK, 2 * CHUNK}, main.asked.get(1), "chunks 4 and 5 only");
        assertArrayEquals(new long[] {9 * CHUNK, CHUNK + 100}, main.asked.get(2), "clipped to the file");
    }

    @Test
    void consecutiveChunksGoToMainTogetherInRunsOfFetchChunks() throws Exception {
        open(Runnable::run, 1 << 20);
        fetcher.prefetch(h, size, 0, 9).get(5, TimeUnit.SECONDS);
        assertEquals(3, main.reads.get());
        assertArrayEquals(new long[] {0, 4 * CHUNK}, main.asked.get(0));
        assertArrayEquals(new long[] {4 * CHUNK, 4 * CHUNK}, main.asked.get(1));
        assertArrayEquals(new long[] {8 * CHUNK, 2 * CHUNK}, main.asked.get(2));
        byte[] other = {10};
        fetcher.fetch(other, size, List.of(0L, 2L, 3L));
        FakeMain.waitIdle(fetcher);
        assertEquals(5, main.reads.get(), "a gap splits the run");
    }

    @Test
    void aChunkMainKeepsAnsweringShortOfIsRetriedThenAnIoError() throws Exception {
        open(Runnable::run, 1 << 20);
        AtomicInteger asked = new AtomicInteger();
        MainSource empty = (handle, offset, count) -> {
            asked.incrementAndGet();
            return CompletableFuture.completedFuture(Unpooled.EMPTY_BUFFER);
        };
        ChunkFetcher shortMain = new ChunkFetcher(empty, tiers, ByteSourceListener.NONE);
        NfsException e = assertThrows(NfsException.class, () -> shortMain.serve(h, size, 0, null, 0, 10));
        assertEquals(Nfs3Status.IO, e.status());
        assertEquals(ChunkFetcher.MAX_ATTEMPTS, asked.get());
        assertEquals(0, shortMain.inFlightCount());
    }

    @Test
    void enginesSharingOneFetcherShareItsChunksAndCountTheirOwnCacheBytes() throws Exception {
        open(diskBacklog::add, 1 << 20); // disk writes held back: the chunks are in memory only
        AtomicLong servedA = new AtomicLong();
        AtomicLong servedB = new AtomicLong();
        MainDataFetcher a = new MainDataFetcher(fetcher, 0, (s, n) -> servedA.addAndGet(n));
        MainDataFetcher b = new MainDataFetcher(fetcher, 0, (s, n) -> servedB.addAndGet(n));
        assertArrayEquals(main.range(0, 2 * CHUNK), bytes(a.read(h, size, 0, 2 * CHUNK)));
        a.close(); // leaves the shared tiers open
        assertArrayEquals(main.range(10, 2 * CHUNK), bytes(b.read(h, size, 10, 2 * CHUNK - 10)));
        assertEquals(1, main.reads.get(), "the second engine's read cost no fetch");
        assertEquals(2 * CHUNK, fromMain.get());
        assertEquals(2 * CHUNK, servedA.get());
        assertEquals(2 * CHUNK - 10, servedB.get());
        assertEquals(2 * CHUNK, b.memoryBytes());
    }
}
