package io.rowfs.proxy.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The memory tier: its bound, LRU eviction, pinning, and that every reference is released once. */
class RecentChunksTest {
    static final int CHUNK = 100;
    final List<ByteBuf> made = new ArrayList<>();

    ByteBuf chunk(int fill, int length) {
        ByteBuf b = Unpooled.directBuffer(length);
        for (int i = 0; i < length; i++) b.writeByte(fill + i);
        made.add(b);
        return b;
    }

    static ChunkRef ref(long c) {
        return new ChunkRef(new byte[] {1, 2}, c);
    }

    void assertAllFreed() {
        for (ByteBuf b : made) assertEquals(0, b.refCnt(), "a chunk kept a reference");
    }

    @Test
    void slicesAreRetainedAndExact() {
        try (RecentChunks t = new RecentChunks(10 * CHUNK)) {
            t.put(ref(0), chunk(0, CHUNK), false);
            ByteBuf s = t.slice(ref(0), 10, 5);
            assertEquals(5, s.readableBytes());
            assertEquals(10, s.getByte(0));
            assertEquals(14, s.getByte(4));
            assertNull(t.slice(ref(0), 90, 11), "past the chunk's end is a miss");
            assertNull(t.slice(ref(1), 0, 1), "another chunk is a miss");
            assertNull(t.slice(new ChunkRef(new byte[] {1, 3}, 0), 0, 1), "another file is a miss");
            t.close();
            assertEquals(1, made.get(0).refCnt(), "the slice keeps the chunk alive after the tier let go");
            assertEquals(14, s.getByte(4));
            s.release();
        }
        assertAllFreed();
    }

    @Test
    void boundEvictsLeastRecentlyUsedFirst() {
        try (RecentChunks t = new RecentChunks(3 * CHUNK)) {
            for (int c = 0; c < 3; c++) t.put(ref(c), chunk(c, CHUNK), false);
            t.slice(ref(0), 0, 1).release(); // 0 is now the most recently used
            t.put(ref(3), chunk(3, CHUNK), false);
            assertEquals(3 * CHUNK, t.bytes());
            assertFalse(t.contains(ref(1)), "least recently used goes first");
            assertTrue(t.contains(ref(0)) && t.contains(ref(2)) && t.contains(ref(3)));
            assertEquals(0, made.get(1).refCnt(), "evicted chunk released");
        }
        assertAllFreed();
    }

    @Test
    void pinnedChunksStayUntilUnpinned() {
        try (RecentChunks t = new RecentChunks(2 * CHUNK)) {
            for (int c = 0; c < 4; c++) t.put(ref(c), chunk(c, CHUNK), true);
            assertEquals(4, t.size(), "pinned chunks may exceed the bound");
            t.unpin(ref(2));
            assertFalse(t.contains(ref(2)), "unpinned over the bound: evicted at once");
            assertEquals(3 * CHUNK, t.bytes());
            t.unpin(ref(0));
            t.unpin(ref(0)); // twice is harmless
            t.unpin(ref(9)); // unknown is harmless
            assertEquals(2, t.size());
            assertTrue(t.contains(ref(1)) && t.contains(ref(3)), "still pinned");
            ByteBuf s = t.slice(ref(3), 0, CHUNK);
            assertEquals(ByteBufUtil.hexDump(made.get(3)), ByteBufUtil.hexDump(s));
            s.release();
        }
        assertAllFreed();
    }

    @Test
    void replacingAChunkReleasesTheOldCopyAndPutAfterCloseReleasesAtOnce() {
        RecentChunks t = new RecentChunks(10 * CHUNK);
        t.put(ref(0), chunk(0, CHUNK), false);
        t.put(ref(0), chunk(7, CHUNK / 2), true);
        assertEquals(CHUNK / 2, t.bytes());
        assertEquals(0, made.get(0).refCnt());
        t.close();
        t.put(ref(1), chunk(1, CHUNK), false);
        assertEquals(0, t.size());
        assertAllFreed();
    }

    @Test
    void zeroCapacityKeepsOnlyPinned() {
        try (RecentChunks t = new RecentChunks(0)) {
            t.put(ref(0), chunk(0, CHUNK), false);
            assertEquals(0, t.size());
            t.put(ref(1), chunk(1, CHUNK), true);
            assertEquals(1, t.size());
        }
        assertAllFreed();
        assertThrows(IllegalArgumentException.class, () -> new RecentChunks(-1));
    }

    @Test
    void smallChunksKeepTheirOwnBudgetWhileLargeOnesStreamThrough() {
        // bound 64 chunks; small = at most 10 bytes, with 64*CHUNK/8 = 800 bytes of their own
        try (RecentChunks t = new RecentChunks(64 * CHUNK, 10)) {
            for (int f = 0; f < 5; f++) t.put(new ChunkRef(new byte[] {9, (byte) f}, 0), chunk(f, 10), f == 4);
            for (int c = 0; c < 200; c++) t.put(ref(c), chunk(c, CHUNK), false); // a large file streams through
            for (int f = 0; f < 5; f++) {
                ByteBuf s = t.slice(new ChunkRef(new byte[] {9, (byte) f}, 0), 0, 10);
                assertEquals(f + 9, s.getByte(9), "small file " + f + " still served");
                s.release();
            }
            assertEquals(56 * CHUNK + 5 * (10 + RecentChunks.ENTRY_OVERHEAD), t.bytes(),
                    "large chunks keep to the rest of the bound");
            for (int f = 0; f < 4; f++) {
                assertEquals(0, made.get(f).refCnt(), "a small chunk is copied: main's buffer goes at once");
            }
            // the small budget evicts least recently used among small chunks only (800 / 138 = 5 fit)
            for (int f = 5; f < 8; f++) t.put(new ChunkRef(new byte[] {9, (byte) f}, 0), chunk(f, 10), false);
            assertFalse(t.contains(new ChunkRef(new byte[] {9, 0}, 0)), "oldest small chunk out");
            assertTrue(t.contains(new ChunkRef(new byte[] {9, 4}, 0)), "pinned small chunk stays");
            assertTrue(t.contains(new ChunkRef(new byte[] {9, 7}, 0)));
            assertEquals(56, java.util.stream.IntStream.range(0, 200).filter(c -> t.contains(ref(c))).count());
            t.unpin(new ChunkRef(new byte[] {9, 4}, 0));
            assertTrue(t.bytes() <= 64 * CHUNK, "within the bound once nothing is pinned: " + t.bytes());
        }
        assertAllFreed();
    }

    @Test
    void aChunkOverTheSmallLimitIsLargeAndSmallOnesNeedALimit() {
        try (RecentChunks t = new RecentChunks(8 * CHUNK, 10)) {
            t.put(ref(0), chunk(0, 11), false);
            assertEquals(11, t.bytes(), "11 bytes: large, charged its length only");
            assertEquals(1, made.get(0).refCnt(), "large chunks are kept, not copied");
        }
        try (RecentChunks t = new RecentChunks(8 * CHUNK)) {
            t.put(ref(0), chunk(0, 1), false);
            assertEquals(1, t.bytes(), "no small limit: every chunk is large");
        }
        assertAllFreed();
        assertThrows(IllegalArgumentException.class, () -> new RecentChunks(1, -1));
    }

    @Test
    void roomForPinnedBytesIsPromisedAndKeptWhenChunksReachTheDisk() {
        RecentChunks t = new RecentChunks(10 * CHUNK);
        assertTrue(t.pinnedBelow(1).isDone(), "nothing pinned: room at once");
        t.put(ref(0), chunk(0, CHUNK), true);
        t.put(ref(1), chunk(1, CHUNK), true);
        var belowTwo = t.pinnedBelow(2 * CHUNK);
        var belowOne = t.pinnedBelow(CHUNK);
        assertTrue(t.pinnedBelow(3 * CHUNK).isDone());
        assertFalse(belowTwo.isDone());
        t.unpin(ref(0));
        assertTrue(belowTwo.isDone(), "one chunk pinned now");
        assertFalse(belowOne.isDone());
        var afterClose = t.pinnedBelow(CHUNK);
        t.close();
        assertTrue(belowOne.isDone() && afterClose.isDone(), "closing wakes every waiter");
        assertAllFreed();
    }
}
