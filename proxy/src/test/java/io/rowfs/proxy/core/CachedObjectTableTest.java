package io.rowfs.proxy.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.proxy.meta.ChronicleObjectTable;
import io.rowfs.proxy.meta.ObjectRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-memory records in front of the real Chronicle table: written through, never stale. */
class CachedObjectTableTest {
    @TempDir
    Path state;

    private static ObjectRecord file(String name) {
        return new ObjectRecord(1, name.getBytes(StandardCharsets.UTF_8), 1, 0, 0, -1, new byte[] {1, 2}, new byte[0]);
    }

    @Test
    void changesAreWrittenThroughAndSeenAtOnce() throws Exception {
        try (ChronicleObjectTable durable = ChronicleObjectTable.open(state, 10_000)) {
            CachedObjectTable t = new CachedObjectTable(durable, 100);
            long id = t.insert(file("a"));
            assertEquals(file("a"), t.get(id).orElseThrow());
            assertEquals(file("a"), durable.get(id).orElseThrow(), "insert reaches the durable table");

            ObjectRecord grown = t.get(id).orElseThrow().withLogicalSize(4097).withShadowHandle(new byte[] {9});
            t.put(id, grown);
            assertEquals(grown, t.get(id).orElseThrow(), "the cached record is replaced, not kept");
            assertEquals(grown, durable.get(id).orElseThrow());

            t.remove(id);
            assertTrue(t.get(id).isEmpty(), "a removed object is gone from the cache too");
            assertTrue(durable.get(id).isEmpty());
            assertTrue(t.get(424242).isEmpty(), "unknown ids stay unknown");
            assertEquals(durable.size(), t.size());
        }
    }

    @Test
    void updatesAreAtomicWrittenThroughAndMoveTheVersion() throws Exception {
        try (ChronicleObjectTable durable = ChronicleObjectTable.open(state, 10_000)) {
            CachedObjectTable t = new CachedObjectTable(durable, 100);
            long id = t.insert(file("a").withLogicalSize(0));
            long v0 = t.version();
            t.get(id); // cached
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> jobs = new ArrayList<>();
                for (int w = 0; w < 2; w++) {
                    jobs.add(pool.submit(() -> {
                        for (int n = 0; n < 1000; n++) {
                            t.update(id, r -> r.withLogicalSize(r.logicalSize() + 1));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : jobs) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(2000, t.get(id).orElseThrow().logicalSize(), "no update lost");
            assertEquals(2000, durable.get(id).orElseThrow().logicalSize());
            assertTrue(t.version() >= v0 + 2000, "every update moves the version");

            long v1 = t.version();
            t.get(id);
            t.insert(file("b"));
            assertEquals(v1, t.version(), "reads and new objects leave existing records, and the version, alone");
            t.update(424242, r -> r.withLogicalSize(1));
            assertTrue(t.get(424242).isEmpty(), "updating a missing object creates nothing");
            t.remove(id);
            assertTrue(t.version() > v1);
        }
    }

    @Test
    void loadsRecordsWrittenBeforeItAndStaysWithinItsCapacity() throws Exception {
        try (ChronicleObjectTable durable = ChronicleObjectTable.open(state, 10_000)) {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                ids.add(durable.insert(file("f" + i)));
            }
            CachedObjectTable t = new CachedObjectTable(durable, 8);
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < 50; i++) {
                    assertEquals(file("f" + i), t.get(ids.get(i)).orElseThrow());
                    assertTrue(t.cached() <= 8, "held " + t.cached());
                }
            }
        }
    }

    @Test
    void rejectsAZeroCapacity() throws Exception {
        try (ChronicleObjectTable durable = ChronicleObjectTable.open(state, 1000)) {
            assertThrows(IllegalArgumentException.class, () -> new CachedObjectTable(durable, 0));
        }
    }

    /**
     * Readers missing the cache while writers replace and remove the same records: afterwards every
     * cached record equals the durable one (a load never puts back a record a change replaced).
     */
    @Test
    void concurrentLoadsNeverResurrectOrRevertRecords() throws Exception {
        try (ChronicleObjectTable durable = ChronicleObjectTable.open(state, 10_000)) {
            CachedObjectTable t = new CachedObjectTable(durable, 16); // small: frequent clears and reloads
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                ids.add(t.insert(file("f" + i)));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            CountDownLatch go = new CountDownLatch(1);
            try {
                List<Future<?>> jobs = new ArrayList<>();
                for (int w = 0; w < 2; w++) {
                    int writer = w;
                    jobs.add(pool.submit(() -> {
                        go.await();
                        for (int n = 0; n < 20_000; n++) {
                            long id = ids.get((n * 2 + writer) % ids.size()); // each writer owns its ids
                            if (n % 7 == 0) {
                                t.remove(id);
                            } else {
                                t.put(id, file("v" + n));
                            }
                        }
                        return null;
                    }));
                }
                for (int r = 0; r < 2; r++) {
                    jobs.add(pool.submit(() -> {
                        go.await();
                        ThreadLocalRandom rnd = ThreadLocalRandom.current();
                        for (int n = 0; n < 40_000; n++) {
                            t.get(ids.get(rnd.nextInt(ids.size())));
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : jobs) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            for (long id : ids) {
                assertEquals(durable.get(id), t.get(id), "object " + id);
            }
            assertFalse(ids.stream().allMatch(id -> durable.get(id).isEmpty()), "some survive");
            assertFalse(ids.stream().noneMatch(id -> durable.get(id).isEmpty()), "some were removed last");
        }
    }
}
