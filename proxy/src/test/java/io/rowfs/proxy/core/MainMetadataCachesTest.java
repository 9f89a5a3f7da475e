package io.rowfs.proxy.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bound of the caches of main's answers. */
class MainMetadataCachesTest {
    @Test
    void aBoundedCacheNeverHoldsMoreThanItsBoundAndKeepsTheNewestEntry() {
        Map<Long, String> cache = new HashMap<>();
        for (long i = 0; i < 10; i++) {
            MainMetadata.putBounded(cache, i, "v" + i, 4);
            assertTrue(cache.size() <= 4, "size " + cache.size() + " after " + i);
            assertEquals("v" + i, cache.get(i), "the entry just put is there");
        }
        MainMetadata.putBounded(cache, 9L, "again", 4);
        assertEquals("again", cache.get(9L));
    }
}
