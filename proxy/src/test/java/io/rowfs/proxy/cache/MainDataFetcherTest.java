package io.rowfs.proxy.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fetcher against an in-memory main (a storage seam) that counts the bytes it serves. */
class MainDataFetcherTest {
    static final int CHUNK = 4096;
    @TempDir
    Path dir;
    final ExecutorService disk = Executors.newFixedThreadPool(2);
    final byte[] file = new byte[10 * CHUNK + 123];
    final byte[] handle = {42};
    final AtomicInteger mainReads = new AtomicInteger();
    final AtomicInteger mainBytes = new AtomicInteger();

    {
        for (int i = 0; i < file.length; i++) file[i] = (byte) (i * 13 + 5);
    }

    final MainSource main = (h, offset, count) -> CompletableFuture.supplyAsync(() -> {
        mainReads.incrementAndGet();
        int end = (int) Math.min(file.length, offset + count);
        byte[] out = Arrays.copyOfRange(file, (int) Math.min(offset, file.length), end);
        mainBytes.addAndGet(out.length);
        return out;
    });

    @AfterEach
    void stop() {
        disk.shutdownNow();
    }

    @Test
    void unalignedReadsReturnExactBytesAndSecondReadHitsCache() throws Exception {
        try (MainChunkCache cache = MainChunkCache.open(dir, 64 * CHUNK, CHUNK)) {
            MainDataFetcher f = new MainDataFetcher(main, cache, disk, 0);
            int[][] ranges = {{0, 1}, {1, CHUNK}, {CHUNK - 1, 2}, {CHUNK, CHUNK}, {CHUNK + 1, 3 * CHUNK}, {file.length - 5, 100}};
            for (int[] r : ranges) {
                byte[] got = f.read(handle, file.length, r[0], r[1]).get();
                int end = Math.min(file.length, r[0] + r[1]);
                assertArrayEquals(Arrays.copyOfRange(file, r[0], end), got, "range " + r[0] + "+" + r[1]);
            }
            int before = mainBytes.get();
            byte[] whole = f.read(handle, file.length, 0, file.length).get();
            assertArrayEquals(file, whole);
            assertTrue(mainBytes.get() - before <= 6 * CHUNK, "only chunks never read before cross to main");
            int again = mainBytes.get();
            assertArrayEquals(file, f.read(handle, file.length, 0, file.length).get());
            assertEquals(again, mainBytes.get(), "a block read twice crosses the wire once");
            assertEquals(0, f.read(handle, file.length, file.length, 10).get().length);
        }
    }

    @Test
    void concurrentReadersShareOneFetch() throws Exception {
        try (MainChunkCache cache = MainChunkCache.open(dir, 64 * CHUNK, CHUNK)) {
            MainDataFetcher f = new MainDataFetcher(main, cache, disk, 0);
            @SuppressWarnings("unchecked")
            CompletableFuture<byte[]>[] all = new CompletableFuture[16];
            for (int i = 0; i < all.length; i++) all[i] = f.read(handle, file.length, 0, CHUNK);
            for (CompletableFuture<byte[]> c : all) assertArrayEquals(Arrays.copyOf(file, CHUNK), c.get());
            assertTrue(mainReads.get() <= 2, "deduplicated fetches, got " + mainReads.get());
        }
    }

    @Test
    void sequentialAccessPrefetchesAhead() throws Exception {
        try (MainChunkCache cache = MainChunkCache.open(dir, 64 * CHUNK, CHUNK)) {
            MainDataFetcher f = new MainDataFetcher(main, cache, disk, 4);
            f.read(handle, file.length, 0, CHUNK).get();
            f.read(handle, file.length, CHUNK, CHUNK).get(); // sequential: chunks 2..5 requested
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (mainReads.get() < 6 && System.nanoTime() < deadline) Thread.sleep(5);
            assertEquals(6, mainReads.get(), "two reads plus four readahead chunks");
            int reads = mainReads.get();
            while (f.inFlightCount() > 0 && System.nanoTime() < deadline) Thread.sleep(5);
            assertArrayEquals(Arrays.copyOfRange(file, 2 * CHUNK, 6 * CHUNK), f.read(handle, file.length, 2 * CHUNK, 4 * CHUNK).get());
            assertTrue(mainReads.get() <= reads + 4, "readahead chunks served from cache (further readahead allowed)");
        }
    }

    @Test
    void readaheadNeverReReadsCachedChunks() throws Exception {
        java.util.concurrent.atomic.AtomicLong cacheBytes = new java.util.concurrent.atomic.AtomicLong();
        ByteSourceListener count = (source, n) -> {
            if (source == ByteSourceListener.ByteSource.CACHE) cacheBytes.addAndGet(n);
        };
        try (MainChunkCache cache = MainChunkCache.open(dir, 64 * CHUNK, CHUNK)) {
            MainDataFetcher f = new MainDataFetcher(main, cache, disk, 4, count);
            for (int pass = 0; pass < 2; pass++) {
                for (long off = 0; off < file.length; off += CHUNK) {
                    f.read(handle, file.length, off, CHUNK).get();
                }
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (f.inFlightCount() > 0 && System.nanoTime() < deadline) Thread.sleep(5);
            }
            // pass 1 reads prefetched chunks back from the cache once, pass 2 reads every chunk once
            assertTrue(cacheBytes.get() <= 2L * file.length,
                    "each pass reads a chunk from the cache at most once: " + cacheBytes.get() + " for 2 x " + file.length);
        }
    }

    @Test
    void mainFailureReachesTheReaderAndIsNotCached() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        MainSource failingOnce = (h, o, c) -> calls.incrementAndGet() == 1
                ? CompletableFuture.failedFuture(new java.io.IOException("main went away"))
                : main.read(h, o, c);
        try (MainChunkCache cache = MainChunkCache.open(dir, 64 * CHUNK, CHUNK)) {
            MainDataFetcher f = new MainDataFetcher(failingOnce, cache, disk, 0);
            var e = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> f.read(handle, file.length, 0, 10).get());
            assertTrue(e.getCause().getMessage().contains("main went away"));
            assertArrayEquals(Arrays.copyOf(file, 10), f.read(handle, file.length, 0, 10).get());
        }
    }
}
