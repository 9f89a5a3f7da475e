package io.rowfs.shadow.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DirCookiesTest {
    @Test
    void cookiesAreStableUniqueAboveReservedAndBelow2To62() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            names.add("f" + i);
        }
        List<DirCookies.Entry> a = DirCookies.assign(names);
        Set<Long> seen = new HashSet<>();
        long prev = 0;
        for (DirCookies.Entry e : a) {
            assertTrue(e.cookie() >= DirCookies.FIRST_NAME_COOKIE && e.cookie() < (1L << 62));
            assertTrue(e.cookie() > prev, "strictly increasing");
            prev = e.cookie();
            assertTrue(seen.add(e.cookie()));
            assertEquals(DirCookies.hash(e.name()), e.cookie(), "no collisions expected among these");
        }
        // same cookie for a name regardless of the other names present
        List<DirCookies.Entry> b = DirCookies.assign(names.subList(0, 10));
        for (DirCookies.Entry e : b) {
            assertTrue(a.contains(e));
        }
    }

    @Test
    void collidingNamesGetDistinctIncreasingCookies() {
        // Force a collision by feeding the same name twice (the worst case of equal hashes).
        List<DirCookies.Entry> a = DirCookies.assign(List.of("x", "x", "y"));
        assertEquals(3, a.size());
        assertTrue(a.get(0).cookie() < a.get(1).cookie() && a.get(1).cookie() < a.get(2).cookie());
    }
}
