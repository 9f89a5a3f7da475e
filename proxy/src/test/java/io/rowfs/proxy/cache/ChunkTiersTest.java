package io.rowfs.proxy.cache;

import static io.rowfs.proxy.cache.FakeMain.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rowfs.proxy.threading.NonBlocking;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two tiers: lookup order, admission and background disk writes, back-pressure, failed writes. */
class ChunkTiersTest {
    static final int CHUNK = 4096;
    @TempDir
    Path dir;
    final byte[] h = {3};
    final List<Runnable> diskBacklog = new ArrayList<>();
    final List<ByteBuf> made = new ArrayList<>();
    MainChunkCache cache;

    @BeforeEach
    void open() throws Exception {
        cache = MainChunkCache.open(dir, 16 * CHUNK, CHUNK);
    }

    @AfterEach
    void close() {
        cache.close();
    }

    ByteBuf chunk(int fill, int length) {
        ByteBuf b = Unpooled.directBuffer(length);
        for (int i = 0; i < length; i++) b.writeByte(fill + i);
        made.add(b);
        return b;
    }

    ChunkRef ref(long c) {
        return new ChunkRef(h, c);
    }

    void writeBacklog() {
        List<Runnable> due = new ArrayList<>(diskBacklog);
        diskBacklog.clear();
        due.forEach(Runnable::run);
    }

    static byte[] expected(int fill, int from, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) b[i] = (byte) (fill + from + i);
        return b;
    }

    @Test
    void anAdmittedChunkIsInMemoryAtOnceOnDiskLaterAndServedFromMemoryFirst() {
        // a bound of two chunks, of which small chunks have an eighth: room for one large chunk
        try (ChunkTiers tiers = new ChunkTiers(cache, diskBacklog::add, 2 * CHUNK)) {
            tiers.admit(ref(0), chunk(1, CHUNK));
            assertTrue(tiers.inMemory(ref(0)));
            assertFalse(cache.contains(h, 0), "written in the background");
            assertEquals(CHUNK, tiers.pinnedBytes());
            assertArrayEquals(expected(1, 10, 20), bytes(tiers.slice(ref(0), 10, 20)));

            writeBacklog();
            assertTrue(cache.contains(h, 0));
            assertEquals(0, tiers.pinnedBytes());
            long diskHits = cache.hits();
            assertArrayEquals(expected(1, 0, 5), bytes(tiers.slice(ref(0), 0, 5)));
            assertEquals(diskHits, cache.hits(), "memory is looked up before the disk");

            tiers.admit(ref(1), chunk(2, CHUNK)); // chunk 0 leaves memory once 1 is on disk
            writeBacklog();
            assertFalse(tiers.inMemory(ref(0)));
            assertTrue(tiers.holds(ref(0)));
            assertArrayEquals(expected(1, 100, 50), bytes(tiers.slice(ref(0), 100, 50)));
            assertEquals(diskHits + 1, cache.hits(), "then from the disk");

            assertNull(tiers.slice(ref(7), 0, 1), "no tier holds it");
            assertFalse(tiers.holds(ref(7)));
        }
        for (ByteBuf b : made) assertEquals(0, b.refCnt());
    }

    @Test
    void readaheadPausesAtOneMemoryBoundAndReadersFetchesWaitAtTwo() throws Exception {
        try (ChunkTiers tiers = new ChunkTiers(cache, diskBacklog::add, 2 * CHUNK)) {
            tiers.admit(ref(0), chunk(0, CHUNK));
            assertFalse(tiers.diskBehind());
            tiers.admit(ref(1), chunk(0, CHUNK));
            assertTrue(tiers.diskBehind(), "one bound waits for the disk");
            NonBlocking.attempt(() -> {
                tiers.awaitRoom(); // below two bounds: no wait
                return null;
            });
            tiers.admit(ref(2), chunk(0, CHUNK));
            tiers.admit(ref(3), chunk(0, CHUNK));
            assertThrows(NonBlocking.WouldBlock.class, () -> NonBlocking.attempt(() -> {
                tiers.awaitRoom();
                return null;
            }));
            CompletableFuture<?> room = NonBlocking.resumeAfter();
            assertTrue(room != null && !room.isDone(), "names the room to resume after");
            diskBacklog.remove(0).run();
            assertTrue(room.isDone(), "room once a chunk reached the disk");
            tiers.awaitRoom();
            writeBacklog();
            assertFalse(tiers.diskBehind());
        }
        for (ByteBuf b : made) assertEquals(0, b.refCnt());
    }

    @Test
    void failedDiskWritesUnpinTheChunkAndAreLoggedOnceAMinute() {
        try (ChunkTiers tiers = new ChunkTiers(cache, Runnable::run, 16 * CHUNK)) {
            tiers.admit(ref(0), chunk(0, 2 * CHUNK)); // longer than a chunk: the disk cache refuses it
            tiers.admit(ref(1), chunk(0, 2 * CHUNK));
            assertEquals(0, tiers.pinnedBytes(), "unpinned: memory is not held for a disk that fails");
            assertFalse(cache.contains(h, 0));
            assertTrue(tiers.inMemory(ref(1)), "still servable from memory");
            assertEquals(1, tiers.storeWarnings(), "two failures, one warning");
        }
        for (ByteBuf b : made) assertEquals(0, b.refCnt());
    }

    @Test
    void aClosingDiskExecutorUnpinsAndReleasesTheChunk() {
        try (ChunkTiers tiers = new ChunkTiers(cache, task -> {
            throw new RejectedExecutionException("closing");
        }, 16 * CHUNK)) {
            tiers.admit(ref(0), chunk(5, CHUNK));
            assertEquals(0, tiers.pinnedBytes());
            assertEquals(1, made.get(0).refCnt(), "only the memory tier's reference is left");
        }
        assertTrue(Arrays.stream(made.toArray(ByteBuf[]::new)).allMatch(b -> b.refCnt() == 0));
    }
}
