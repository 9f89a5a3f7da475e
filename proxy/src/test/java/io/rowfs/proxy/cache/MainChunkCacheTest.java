package io.rowfs.proxy.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.rowfs.protocol.xdr.FileSlice;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainChunkCacheTest {
    static final int CHUNK = 4096;
    @TempDir
    Path dir;

    static byte[] content(byte[] handle, long chunk, int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) b[i] = (byte) (handle[0] * 31 + chunk * 7 + i);
        return b;
    }

    static byte[] readChunk(MainChunkCache c, byte[] h, long chunk) {
        ByteBuffer dst = ByteBuffer.allocate(CHUNK);
        int n = c.read(h, chunk, dst);
        return n < 0 ? null : Arrays.copyOf(dst.array(), n);
    }

    @Test
    void missThenHitWithShortLastChunk() throws Exception {
        byte[] h = {1, 2, 3};
        try (MainChunkCache c = MainChunkCache.open(dir, 16 * CHUNK, CHUNK)) {
            assertEquals(null, readChunk(c, h, 0));
            c.store(h, 0, ByteBuffer.wrap(content(h, 0, CHUNK)));
            c.store(h, 1, ByteBuffer.wrap(content(h, 1, 100)));
            assertArrayEquals(content(h, 0, CHUNK), readChunk(c, h, 0));
            assertArrayEquals(content(h, 1, 100), readChunk(c, h, 1));
            assertEquals(null, readChunk(c, new byte[] {9}, 0), "other handle is a miss");
            assertEquals(2, c.hits());
            assertEquals(2, c.misses());
        }
    }

    @Test
    void rangeReadsAndSpansAcrossConsecutiveSlots() throws Exception {
        byte[] h = {4};
        try (MainChunkCache c = MainChunkCache.open(dir, 16 * CHUNK, CHUNK)) {
            c.store(h, 0, ByteBuffer.wrap(content(h, 0, CHUNK)));
            c.store(h, 1, ByteBuffer.wrap(content(h, 1, CHUNK)));
            c.store(h, 2, ByteBuffer.wrap(content(h, 2, 100)));
            ByteBuffer part = ByteBuffer.allocate(10);
            assertEquals(CHUNK, c.read(h, 1, CHUNK - 10, part));
            assertArrayEquals(Arrays.copyOfRange(content(h, 1, CHUNK), CHUNK - 10, CHUNK), part.array());

            byte[] whole = new byte[2 * CHUNK + 100];
            System.arraycopy(content(h, 0, CHUNK), 0, whole, 0, CHUNK);
            System.arraycopy(content(h, 1, CHUNK), 0, whole, CHUNK, CHUNK);
            System.arraycopy(content(h, 2, 100), 0, whole, 2 * CHUNK, 100);
            FileSlice span = c.pinSpan(h, 0, 5, 2 * CHUNK + 100 - 5);
            assertNotNull(span, "three consecutive slots, one slice");
            assertEquals(1, span.ranges(), "one range");
            assertArrayEquals(Arrays.copyOfRange(whole, 5, whole.length), bytesOf(span));
            assertEquals(3, c.pinnedSlots());
            span.release();
            assertEquals(0, c.pinnedSlots(), "released: unpinned");

            assertNull(c.pinSpan(h, 0, 0, 2 * CHUNK + 101), "past the short last chunk");
            assertNull(c.pinSpan(h, 2, 0, CHUNK + 1), "chunk 3 is not cached");

            c.store(h, 10, ByteBuffer.wrap(content(h, 10, CHUNK)));
            c.store(new byte[] {5}, 0, ByteBuffer.wrap(content(h, 0, CHUNK)));
            c.store(h, 11, ByteBuffer.wrap(content(h, 11, CHUNK)));
            FileSlice apart = c.pinSpan(h, 10, 100, 2 * CHUNK - 200);
            assertNotNull(apart, "chunks in slots apart");
            assertEquals(2, apart.ranges(), "one range per run of consecutive slots");
            byte[] both = new byte[2 * CHUNK];
            System.arraycopy(content(h, 10, CHUNK), 0, both, 0, CHUNK);
            System.arraycopy(content(h, 11, CHUNK), 0, both, CHUNK, CHUNK);
            assertArrayEquals(Arrays.copyOfRange(both, 100, 2 * CHUNK - 100), bytesOf(apart));
            apart.release();
            assertEquals(0, c.pinnedSlots(), "refused and released spans pin nothing");
        }
    }

    @Test
    void aPinnedSpanKeepsItsBytesWhileEverythingElseIsEvicted() throws Exception {
        byte[] h = {6};
        try (MainChunkCache c = MainChunkCache.open(dir, 4 * CHUNK, CHUNK)) {
            c.store(h, 0, ByteBuffer.wrap(content(h, 0, CHUNK)));
            c.store(h, 1, ByteBuffer.wrap(content(h, 1, CHUNK)));
            FileSlice span = c.pinSpan(h, 0, 0, 2 * CHUNK);
            assertNotNull(span);
            byte[] other = {7};
            for (long i = 0; i < 40; i++) {
                c.store(other, i, ByteBuffer.wrap(content(other, i, CHUNK))); // churns the two free slots only
            }
            byte[] expected = new byte[2 * CHUNK];
            System.arraycopy(content(h, 0, CHUNK), 0, expected, 0, CHUNK);
            System.arraycopy(content(h, 1, CHUNK), 0, expected, CHUNK, CHUNK);
            assertArrayEquals(expected, bytesOf(span), "pinned slots are neither evicted nor rewritten");
            span.release();
            for (long i = 40; i < 80; i++) {
                c.store(other, i, ByteBuffer.wrap(content(other, i, CHUNK)));
            }
            assertFalse(c.contains(h, 0) && c.contains(h, 1), "unpinned, they are evictable again");
        }
    }

    private static byte[] bytesOf(FileSlice slice) {
        ByteBuf b = Unpooled.buffer(slice.length());
        try {
            slice.readInto(b);
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    @Test
    void boundedWithEvictionAndNoWrongData() throws Exception {
        try (MainChunkCache c = MainChunkCache.open(dir, 8 * CHUNK, CHUNK)) {
            byte[] h = {5};
            for (long i = 0; i < 100; i++) c.store(h, i, ByteBuffer.wrap(content(h, i, CHUNK)));
            int present = 0;
            for (long i = 0; i < 100; i++) {
                byte[] got = readChunk(c, h, i);
                if (got != null) {
                    present++;
                    assertArrayEquals(content(h, i, CHUNK), got, "chunk " + i);
                }
            }
            assertTrue(present > 0 && present <= 8, "at most 8 chunks kept, got " + present);
            assertTrue(c.evictions() >= 92);
            assertTrue(Files.size(dir.resolve("chunks.data")) <= 8L * CHUNK);
        }
    }

    @Test
    void survivesCleanRestartButIsEmptiedAfterCrash() throws Exception {
        byte[] h = {7};
        try (MainChunkCache c = MainChunkCache.open(dir, 16 * CHUNK, CHUNK)) {
            c.store(h, 3, ByteBuffer.wrap(content(h, 3, CHUNK)));
        }
        try (MainChunkCache reopened = MainChunkCache.open(dir, 16 * CHUNK, CHUNK)) {
            assertArrayEquals(content(h, 3, CHUNK), readChunk(reopened, h, 3));
            reopened.store(h, 4, ByteBuffer.wrap(content(h, 4, CHUNK)));
        }
        // a process killed while the cache was open leaves no clean marker behind
        Files.delete(dir.resolve("clean"));
        try (MainChunkCache afterCrash = MainChunkCache.open(dir, 16 * CHUNK, CHUNK)) {
            assertEquals(null, readChunk(afterCrash, h, 3));
        }
    }

    @Test
    void rejectsOversizedChunksAndBadGeometry() throws Exception {
        try (MainChunkCache c = MainChunkCache.open(dir, 16 * CHUNK, CHUNK)) {
            assertThrows(IllegalArgumentException.class, () -> c.store(new byte[] {1}, 0, ByteBuffer.allocate(CHUNK + 1)));
        }
        assertThrows(IllegalArgumentException.class, () -> MainChunkCache.open(dir, 100, CHUNK));
        assertThrows(IllegalArgumentException.class, () -> MainChunkCache.open(dir, 1 << 20, 3000));
    }

    @Test
    void concurrentReadersNeverSeeAnotherChunksBytes() throws Exception {
        try (MainChunkCache c = MainChunkCache.open(dir, 4 * CHUNK, CHUNK)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                byte[] h = {(byte) t};
                jobs.add(pool.submit(() -> {
                    for (long i = 0; i < 400; i++) {
                        c.store(h, i % 20, ByteBuffer.wrap(content(h, i % 20, CHUNK)));
                        byte[] got = readChunk(c, h, (i * 7) % 20);
                        if (got != null) assertArrayEquals(content(h, (i * 7) % 20, CHUNK), got);
                    }
                    return null;
                }));
            }
            for (Future<?> f : jobs) f.get();
            pool.shutdown();
        }
    }

    /** Writers racing for few slots must never publish a slot another writer is still filling. */
    @Test
    void writersRacingForFewSlotsNeverMixChunks() throws Exception {
        try (MainChunkCache c = MainChunkCache.open(dir, 4 * CHUNK, CHUNK)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                byte[] h = {(byte) (t % 3)}; // threads share handles, so they also race on the same keys
                jobs.add(pool.submit(() -> {
                    for (long i = 0; i < 3000; i++) {
                        long chunk = (i * 13) % 7;
                        c.store(h, chunk, ByteBuffer.wrap(content(h, chunk, CHUNK)));
                        byte[] got = readChunk(c, h, (i * 5) % 7);
                        if (got != null) assertArrayEquals(content(h, (i * 5) % 7, CHUNK), got);
                    }
                    return null;
                }));
            }
            for (Future<?> f : jobs) f.get();
            pool.shutdown();
        }
    }

    @Test
    void aCacheLargerThanItsFreeDiskSpaceIsReported() {
        long mib = 1 << 20;
        assertNull(MainChunkCache.spaceShortfall(100 * mib, 100 * mib, 0));
        assertNull(MainChunkCache.spaceShortfall(100 * mib, 40 * mib, 60 * mib), "what the file holds counts as room");
        String why = MainChunkCache.spaceShortfall(100 * mib, 30 * mib, 60 * mib);
        assertTrue(why != null && why.contains("30 MiB free") && why.contains("100 MiB") && why.contains("--cache-size"), why);
    }
}
