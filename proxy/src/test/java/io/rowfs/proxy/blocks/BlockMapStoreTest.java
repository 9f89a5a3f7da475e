package io.rowfs.proxy.blocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

class BlockMapStoreTest {
    @TempDir
    Path state;

    @Test
    void bitmapsSurviveReopenIncludingLargeScatteredOnes() throws Exception {
        RoaringBitmap dense = new RoaringBitmap();
        dense.add(0L, 262_144L); // a fully rewritten 1 GiB file at 4 KiB blocks
        RoaringBitmap scattered = new RoaringBitmap();
        Random rnd = new Random(7);
        for (int i = 0; i < 100_000; i++) scattered.add(rnd.nextInt(50_000_000)); // ~200 KB serialised
        try (BlockMapStore store = BlockMapStore.open(state, 1000)) {
            store.put(10, dense);
            store.put(11, scattered);
            store.put(12, RoaringBitmap.bitmapOf(0, 5, 9));
            store.put(12, RoaringBitmap.bitmapOf(0, 5, 9, 10));
            store.put(13, new RoaringBitmap());
        }
        try (BlockMapStore store = BlockMapStore.open(state, 1000)) {
            assertEquals(dense, store.get(10));
            assertEquals(scattered, store.get(11));
            assertEquals(RoaringBitmap.bitmapOf(0, 5, 9, 10), store.get(12));
            assertTrue(store.get(13).isEmpty());
            assertTrue(store.get(99).isEmpty());
        }
    }

    @Test
    void bitmapMovesBetweenInlineAndSpilledForms() throws Exception {
        RoaringBitmap big = new RoaringBitmap();
        for (int i = 0; i < 50_000; i++) big.add(i * 3);
        try (BlockMapStore store = BlockMapStore.open(state, 100)) {
            store.put(5, big);
            assertTrue(java.nio.file.Files.exists(state.resolve("blocks/5.rbm")));
            store.put(5, RoaringBitmap.bitmapOf(1));
            assertTrue(!java.nio.file.Files.exists(state.resolve("blocks/5.rbm")), "spill removed once inline");
            assertEquals(RoaringBitmap.bitmapOf(1), store.get(5));
            store.put(5, big);
            store.remove(5);
            assertTrue(store.get(5).isEmpty());
            assertTrue(!java.nio.file.Files.exists(state.resolve("blocks/5.rbm")));
        }
    }
}
