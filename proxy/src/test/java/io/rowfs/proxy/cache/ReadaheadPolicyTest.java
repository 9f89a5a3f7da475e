package io.rowfs.proxy.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readahead decisions: what to fetch after a read, nothing twice, and a pause while the disk lags. */
class ReadaheadPolicyTest {
    static final int CHUNK = 4096;
    @TempDir
    Path dir;
    final byte[] h = {5};
    final FakeMain main = new FakeMain(40 * CHUNK);
    final long size = main.file.length;
    final List<Runnable> diskBacklog = java.util.Collections.synchronizedList(new ArrayList<>());
    MainChunkCache cache;
    ChunkTiers tiers;
    ChunkFetcher fetcher;

    ReadaheadPolicy open(boolean slowDisk, long memoryBytes, int maxWindow) throws Exception {
        cache = MainChunkCache.open(dir, 64 * CHUNK, CHUNK);
        tiers = new ChunkTiers(cache, slowDisk ? diskBacklog::add : Runnable::run, memoryBytes);
        fetcher = new ChunkFetcher(main, tiers, ByteSourceListener.NONE);
        return new ReadaheadPolicy(fetcher, maxWindow);
    }

    void writeBacklog() {
        List<Runnable> due;
        synchronized (diskBacklog) {
            due = new ArrayList<>(diskBacklog);
            diskBacklog.clear();
        }
        due.forEach(Runnable::run);
    }

    @AfterEach
    void close() throws Exception {
        FakeMain.waitIdle(fetcher);
        writeBacklog();
        tiers.close();
        cache.close();
        main.assertAllReleased();
    }

    @Test
    void aSequentialReadHasTheWindowAheadFetchedInOneRead() throws Exception {
        ReadaheadPolicy p = open(false, 1 << 20, 16);
        assertEquals(new ReadaheadWindow.Range(1, 4), p.afterRead(h, size, 0, 0, true));
        FakeMain.waitIdle(fetcher);
        assertEquals(1, main.reads.get());
        assertArrayEquals(new long[] {CHUNK, 4 * CHUNK}, main.asked.get(0));
        assertEquals(new ReadaheadWindow.Range(5, 5), p.afterRead(h, size, 1, 1, false), "window stays 4");
        FakeMain.waitIdle(fetcher);
        assertEquals(2, main.reads.get());
    }

    @Test
    void noReadaheadForAJumpNorWhenTurnedOff() throws Exception {
        ReadaheadPolicy p = open(false, 1 << 20, 16);
        assertTrue(p.afterRead(h, size, 7, 7, true).isEmpty());
        ReadaheadPolicy off = new ReadaheadPolicy(fetcher, 0);
        assertTrue(off.afterRead(new byte[] {6}, size, 0, 0, true).isEmpty());
        assertEquals(0, main.reads.get());
    }

    @Test
    void chunksHeldOrOnTheirWayAreNotFetchedAgain() throws Exception {
        ReadaheadPolicy p = open(false, 1 << 20, 16);
        fetcher.prefetch(h, size, 1, 4).get(5, TimeUnit.SECONDS); // e.g. a boot profile's prefetcher
        assertEquals(new ReadaheadWindow.Range(1, 4), p.afterRead(h, size, 0, 0, true));
        FakeMain.waitIdle(fetcher);
        assertEquals(1, main.reads.get(), "readahead found them in the tiers");
    }

    @Test
    void pausesWhileTheMemoryBoundWaitsForTheDiskThenAsksAgain() throws Exception {
        ReadaheadPolicy p = open(true, 4 * CHUNK, 16);
        fetcher.prefetch(new byte[] {6}, size, 0, 3).get(5, TimeUnit.SECONDS); // 4 chunks wait for the disk
        assertTrue(tiers.diskBehind());
        assertTrue(p.afterRead(h, size, 0, 0, true).isEmpty(), "paused");
        assertEquals(4, p.window(h), "the stream still counts as sequential");
        assertEquals(1, main.reads.get(), "nothing asked of main");

        writeBacklog();
        assertFalse(tiers.diskBehind());
        assertEquals(new ReadaheadWindow.Range(2, 5), p.afterRead(h, size, 1, 1, false),
                "the chunks handed back are asked for again");
        FakeMain.waitIdle(fetcher);
        assertEquals(2, main.reads.get());
        assertArrayEquals(new long[] {2 * CHUNK, 4 * CHUNK}, main.asked.get(1));
    }
}
