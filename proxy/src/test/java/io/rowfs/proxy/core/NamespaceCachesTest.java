package io.rowfs.proxy.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bound of the namespace's caches of main's answers. */
class NamespaceCachesTest {
    @Test
    void aBoundedCacheNeverHoldsMoreThanItsBoundAndKeepsTheNewestEntry() {
        Map<Long, String> cache = new HashMap<>();
        for (long i = 0; i < 10; i++) {
            Namespace.putBounded(cache, i, "v" + i, 4);
            assertTrue(cache.size() <= 4, "size " + cache.size() + " after " + i);
            assertEquals("v" + i, cache.get(i), "the entry just put is there");
        }
        Namespace.putBounded(cache, 9L, "again", 4);
        assertEquals("again", cache.get(9L));
    }
}
