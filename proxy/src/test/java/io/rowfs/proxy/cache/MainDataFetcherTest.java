package io.rowfs.proxy.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.rowfs.proxy.threading.BackendException;
import io.rowfs.proxy.threading.NonBlocking;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fetcher against an in-memory main (a storage seam) that counts the bytes it serves. Every
 * buffer main hands out is tracked, so the tests can check that each was released exactly once.
 */
class MainDataFetcherTest {
    static final int CHUNK = 4096;
    @TempDir
    Path dir;
    final ExecutorService disk = Executors.newFixedThreadPool(2);
    final byte[] file = new byte[40 * CHUNK + 123];
    final byte[] handle = {42};
    final AtomicInteger mainReads = new AtomicInteger();
    final AtomicInteger mainBytes = new AtomicInteger();
    final List<ByteBuf> handedOut = java.util.Collections.synchronizedList(new ArrayList<>());

    {
        for (int i = 0; i < file.length; i++) file[i] = (byte) (i * 13 + 5);
    }

    final MainSource main = (h, offset, count) -> CompletableFuture.supplyAsync(() -> {
        mainReads.incrementAndGet();
        int end = (int) Math.min(file.length, offset + count);
        byte[] out = Arrays.copyOfRange(file, (int) Math.min(offset, file.length), end);
        mainBytes.addAndGet(out.length);
        ByteBuf b = Unpooled.directBuffer(out.length).writeBytes(out);
        handedOut.add(b);
        return b;
    });

    @AfterEach
    void stop() throws Exception {
        disk.shutdown();
        disk.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Reads and releases, returning the bytes. */
    static byte[] bytes(ByteBuf b) {
        try {
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    /** After the fetcher is closed and its disk writes are done, main's buffers are all freed. */
    void assertAllReleased(MainDataFetcher f) throws Exception {
        waitIdle(f);
        disk.shutdown();
        disk.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        f.close();
        for (ByteBuf b : handedOut) {
            assertEquals(0, b.refCnt(), "a main buffer was not released");
        }
    }

    static void waitIdle(MainDataFetcher f) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (f.inFlightCount() > 0 && System.nanoTime() < deadline) Thread.sleep(2);
    }

    @Test
    void unalignedReadsReturnExactBytesAndSecondReadHitsCache() throws Exception {
        try (MainChunkCache cache = MainChunkCache.open(dir, 64 * CHUNK, CHUNK)) {
            MainDataFetcher f = new MainDataFetcher(main, cache, disk, 0);
            int[][] ranges = {{0, 1}, {1, CHUNK}, {CHUNK - 1, 2}, {CHUNK, CHUNK}, {CHUNK + 1, 3 * CHUNK}, {file.length - 5, 100}};
            for (int[] r : ranges) {
                byte[] got = bytes(f.read(handle, file.length, r[0], r[1]));
                int end = Math.min(file.length, r[0] + r[1]);
                assertArrayEquals(Arrays.copyOfRange(file, r[0], end), got, "range " + r[0] + "+" + r[1]);
            }
            int before = mainBytes.get();
            assertArrayEquals(file, bytes(f.read(handle, file.length, 0, file.length)));
            assertTrue(mainBytes.get() - before <= file.length - 4 * CHUNK, "only chunks never read before cross to main");
            int again = mainBytes.get();
            assertArrayEquals(file, bytes(f.read(handle, file.length, 0, file.length)));
            assertEquals(again, mainBytes.get(), "a block read twice crosses the wire once");
            assertEquals(0, f.read(handle, file.length, file.length, 10).readableBytes());
            assertAllReleased(f);
        }
    }

    @Test
    void servedFromDiskOnceTheMemoryTierHasDroppedIt() throws Exception {
        try (MainChunkCache cache = MainChunkCache.open(dir, 64 * CHUNK, CHUNK)) {
            MainDataFetcher f = new MainDataFetcher(main, cache, disk, 0, 2 * CHUNK, ByteSourceListener.NONE);
            assertArrayEquals(file, bytes(f.read(handle, file.length, 0, file.length)));
            waitIdle(f);
            disk.shutdown();
            disk.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(f.memoryBytes() <= 2 * CHUNK, "memory tier over its bound: " + f.memoryBytes());
            int reads = mainReads.get();
            assertArrayEquals(file, bytes(f.read(handle, file.length, 0, file.length)));
            assertEquals(reads, mainReads.get(), "all chunks came from memory or disk");
            f.close();
            for (ByteBuf b : handedOut) assertEquals(0, b.refCnt());
        }
    }

    @Test
    void concurrentReadersShareOneFetch() throws Exception {
        try (MainChunkCache cache = MainChunkCache.open(dir, 64 * CHUNK, CHUNK)) {
            MainDataFetcher f = new MainDataFetcher(main, cache, disk, 0);
            ExecutorService readers = Executors.newFixedThreadPool(8);
            List<Future<byte[]>> all = new ArrayList<>();
            for (int i = 0; i < 16; i++) all.add(readers.submit(() -> bytes(f.read(handle, file.length, 0, CHUNK))));
            for (Future<byte[]> c : all) assertArrayEquals(Arrays.copyOf(file, CHUNK), c.get());
            readers.shutdown();
            assertEquals(1, mainReads.get(), "deduplicated fetches");
            assertAllReleased(f);
        }
    }

    @Test
    void sequentialAccessPrefetchesAheadAndTheWindowGrowsWhileTheReaderWaits() throws Exception {
        try (MainChunkCache cache = MainChunkCache.open(dir, 64 * CHUNK, CHUNK)) {
            MainDataFetcher f = new MainDataFetcher(main, cache, disk, 16);
            bytes(f.read(handle, file.length, 0, CHUNK)); // starts the file: sequential, window 4
            assertEquals(4, f.window(handle));
            waitIdle(f);
            assertEquals(5 * CHUNK, mainBytes.get(), "chunk 0, then chunks 1..4 ahead");
            bytes(f.read(handle, file.length, CHUNK, CHUNK));
            assertEquals(4, f.window(handle), "served from readahead: the window stays");
            waitIdle(f);
            assertEquals(6 * CHUNK, mainBytes.get(), "one more chunk ahead, none twice");
            int reads = mainReads.get();
            assertArrayEquals(Arrays.copyOfRange(file, 2 * CHUNK, 6 * CHUNK), bytes(f.read(handle, file.length, 2 * CHUNK, 4 * CHUNK)));
            waitIdle(f);
            assertTrue(mainReads.get() <= reads + 2, "prefetched chunks served locally (more readahead allowed)");
            // a reader that outruns readahead (here: reads past what was requested) catches up: the window grows
            bytes(f.read(handle, file.length, 12 * CHUNK, 2 * CHUNK));
            assertEquals(0, f.window(handle), "a jump resets the window");
            bytes(f.read(handle, file.length, 14 * CHUNK, CHUNK)); // sequential again: window 4
            assertEquals(4, f.window(handle));
            bytes(f.read(handle, file.length, 15 * CHUNK, 8 * CHUNK)); // beyond the window: caught up
            assertEquals(8, f.window(handle));
            bytes(f.read(handle, file.length, 23 * CHUNK, 12 * CHUNK));
            assertEquals(16, f.window(handle));
            bytes(f.read(handle, file.length, 35 * CHUNK, 5 * CHUNK));
            assertEquals(16, f.window(handle), "capped at the maximum");
            assertAllReleased(f);
        }
    }

    @Test
    void readaheadPausesWhileTheMemoryTierWaitsForASlowDiskCache() throws Exception {
        List<Runnable> diskBacklog = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean diskSlow = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.Executor slowThenFastDisk = task -> {
            synchronized (diskBacklog) {
                if (diskSlow.get()) {
                    diskBacklog.add(task); // written later: the chunk stays pinned in memory
                    return;
                }
            }
            task.run();
        };
        try (MainChunkCache cache = MainChunkCache.open(dir, 64 * CHUNK, CHUNK)) {
            MainDataFetcher f = new MainDataFetcher(main, cache, slowThenFastDisk, 16, 4 * CHUNK, ByteSourceListener.NONE);
            for (int c = 0; c < 8; c += 4) { // a third read would wait: 8 chunks (twice the bound) are pinned
                assertArrayEquals(Arrays.copyOfRange(file, c * CHUNK, (c + 4) * CHUNK), bytes(f.read(handle, file.length, (long) c * CHUNK, 4 * CHUNK)));
                waitIdle(f);
            }
            assertTrue(mainBytes.get() <= 8 * CHUNK,
                    "readahead stopped once 4 chunks waited for the disk: " + mainBytes.get() / CHUNK + " chunks fetched");
            synchronized (diskBacklog) { // the disk catches up, and keeps up from now on
                diskSlow.set(false);
                diskBacklog.forEach(Runnable::run);
                diskBacklog.clear();
            }
            int before = mainBytes.get();
            bytes(f.read(handle, file.length, 8L * CHUNK, 4 * CHUNK));
            waitIdle(f);
            bytes(f.read(handle, file.length, 12L * CHUNK, 4 * CHUNK));
            waitIdle(f);
            assertTrue(mainBytes.get() - before > 8 * CHUNK, "readahead resumed: " + (mainBytes.get() - before) / CHUNK + " chunks fetched");
            f.close();
            for (ByteBuf b : handedOut) assertEquals(0, b.refCnt());
        }
    }

    @Test
    void readsThatMustFetchWaitWhileTwiceTheMemoryBoundWaitsForTheDiskCache() throws Exception {
        List<Runnable> diskBacklog = java.util.Collections.synchronizedList(new ArrayList<>());
        try (MainChunkCache cache = MainChunkCache.open(dir, 64 * CHUNK, CHUNK)) {
            AtomicInteger asked = new AtomicInteger(); // counted as asked, not as served (main answers on another thread)
            MainSource countedMain = (h, o, c) -> {
                asked.incrementAndGet();
                return main.read(h, o, c);
            };
            // no readahead; a memory bound of 2 chunks: own fetches wait at 4 pinned chunks
            MainDataFetcher f = new MainDataFetcher(countedMain, cache, diskBacklog::add, 0, 2 * CHUNK, ByteSourceListener.NONE);
            for (int c = 0; c < 4; c++) {
                assertArrayEquals(Arrays.copyOfRange(file, c * CHUNK, (c + 1) * CHUNK), bytes(f.read(handle, file.length, (long) c * CHUNK, CHUNK)));
            }
            assertEquals(4, asked.get());

            assertThrows(NonBlocking.WouldBlock.class, () -> NonBlocking.attempt(() -> f.read(handle, file.length, 4L * CHUNK, CHUNK)));
            CompletableFuture<?> room = NonBlocking.resumeAfter();
            assertTrue(room != null && !room.isDone(), "the read waits for room, not for main");
            assertEquals(4, asked.get(), "nothing more was asked of main while 4 chunks wait for the disk");
            assertArrayEquals(Arrays.copyOfRange(file, 0, CHUNK), bytes(NonBlocking.attempt(() -> f.read(handle, file.length, 0, CHUNK))),
                    "a read of chunks already here does not wait");

            diskBacklog.remove(0).run(); // 3 pinned: below the bound
            assertTrue(room.isDone(), "room once a chunk reached the disk cache");
            assertArrayEquals(Arrays.copyOfRange(file, 4 * CHUNK, 5 * CHUNK), bytes(f.read(handle, file.length, 4L * CHUNK, CHUNK)));
            assertEquals(5, asked.get());
            synchronized (diskBacklog) {
                diskBacklog.forEach(Runnable::run);
            }
            f.close();
            for (ByteBuf b : handedOut) assertEquals(0, b.refCnt());
        }
    }

    @Test
    void readaheadIsClippedToTheFileAndFetchesEachByteOnce() throws Exception {
        AtomicLong fromMain = new AtomicLong();
        ByteSourceListener count = (source, n) -> {
            if (source == ByteSourceListener.ByteSource.MAIN) fromMain.addAndGet(n);
        };
        try (MainChunkCache cache = MainChunkCache.open(dir, 64 * CHUNK, CHUNK)) {
            MainDataFetcher f = new MainDataFetcher(main, cache, disk, 64, 1 << 20, count);
            for (int pass = 0; pass < 2; pass++) {
                for (long off = 0; off < file.length; off += 3 * CHUNK) {
                    int n = (int) Math.min(3 * CHUNK, file.length - off);
                    assertArrayEquals(Arrays.copyOfRange(file, (int) off, (int) off + n), bytes(f.read(handle, file.length, off, 3 * CHUNK)));
                }
                waitIdle(f);
                assertEquals(file.length, fromMain.get(), "pass " + pass + ": main bytes equal the file size");
            }
            assertAllReleased(f);
        }
    }

    /** Main, except that its first READ fails ("main went away"). */
    private MainSource failingOnce() {
        AtomicInteger calls = new AtomicInteger();
        return (h, o, c) -> calls.incrementAndGet() == 1
                ? CompletableFuture.failedFuture(new java.io.IOException("main went away"))
                : main.read(h, o, c);
    }

    @Test
    void mainFailureReachesTheReaderAndIsNotCached() throws Exception {
        MainSource failingOnce = failingOnce();
        try (MainChunkCache cache = MainChunkCache.open(dir, 64 * CHUNK, CHUNK)) {
            MainDataFetcher f = new MainDataFetcher(failingOnce, cache, disk, 0);
            var e = assertThrows(BackendException.class, () -> f.read(handle, file.length, 0, 10));
            assertTrue(e.getMessage().contains("main went away"), e.getMessage());
            assertArrayEquals(Arrays.copyOf(file, 10), bytes(f.read(handle, file.length, 0, 10)));
            assertAllReleased(f);
        }
    }

    @Test
    void onTheFastPathAMissSaysWhichFetchToResumeAfterAndTheResumedAttemptNeedsNoWorker() throws Exception {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        MainSource gated = (h, o, c) -> gate.thenCompose(v -> main.read(h, o, c));
        try (MainChunkCache cache = MainChunkCache.open(dir, 64 * CHUNK, CHUNK)) {
            MainDataFetcher f = new MainDataFetcher(gated, cache, disk, 0);
            // a READ spanning two chunks: the first attempt starts both fetches and refuses to wait
            assertThrows(NonBlocking.WouldBlock.class,
                    () -> NonBlocking.attempt(() -> f.read(handle, file.length, CHUNK - 3, 6)));
            CompletableFuture<?> resume = NonBlocking.resumeAfter();
            assertTrue(resume != null && !resume.isDone(), "the attempt names the fetch it would wait for");
            assertEquals(null, NonBlocking.resumeAfter(), "taken once");
            assertEquals(2, f.inFlightCount(), "both chunks on their way");
            assertEquals(0, mainReads.get());
            gate.complete(null);
            resume.get(5, java.util.concurrent.TimeUnit.SECONDS);
            // completed: every chunk of that main READ is servable, so one resumed attempt is enough
            assertArrayEquals(Arrays.copyOfRange(file, CHUNK - 3, CHUNK + 3),
                    bytes(NonBlocking.attempt(() -> f.read(handle, file.length, CHUNK - 3, 6))));
            assertEquals(1, mainReads.get());
            assertAllReleased(f);
        }
    }

    @Test
    void aFailedFetchAfterAResumeStartsAnotherAndReachesAWorkerReader() throws Exception {
        MainSource failingOnce = failingOnce();
        try (MainChunkCache cache = MainChunkCache.open(dir, 64 * CHUNK, CHUNK)) {
            MainDataFetcher f = new MainDataFetcher(failingOnce, cache, disk, 0);
            // the failed fetch completes at once: the attempt asks again, and that fetch is what it names
            assertThrows(NonBlocking.WouldBlock.class,
                    () -> NonBlocking.attempt(() -> f.read(handle, file.length, 0, 10)));
            CompletableFuture<?> resume = NonBlocking.resumeAfter();
            if (resume != null) {
                resume.handle((v, e) -> null).get(5, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertArrayEquals(Arrays.copyOf(file, 10), bytes(f.read(handle, file.length, 0, 10)));
            assertAllReleased(f);
        }
    }

    @Test
    void aSmallFileOutlivesALargeFileStreamingThroughBothTiers() throws Exception {
        byte[] small = {7};
        try (MainChunkCache cache = MainChunkCache.open(dir, 8 * CHUNK, CHUNK)) {
            MainDataFetcher f = new MainDataFetcher(main, cache, disk, 0, 16 * CHUNK, ByteSourceListener.NONE);
            assertArrayEquals(Arrays.copyOf(file, 100), bytes(f.read(small, 100, 0, 100)));
            waitIdle(f);
            for (long off = 0; off < file.length; off += CHUNK) { // 41 chunks through an 8-slot disk cache
                bytes(f.read(handle, file.length, off, CHUNK));
            }
            waitIdle(f);
            disk.shutdown();
            disk.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(cache.evictions() > 0, "the disk cache evicted");
            assertTrue(f.memoryBytes() <= 16 * CHUNK, "memory tier within its bound: " + f.memoryBytes());
            int reads = mainReads.get();
            assertArrayEquals(Arrays.copyOf(file, 100), bytes(f.read(small, 100, 0, 100)));
            assertEquals(reads, mainReads.get(), "the small file came from the memory tier");
            f.close();
            for (ByteBuf b : handedOut) assertEquals(0, b.refCnt());
        }
    }
}
