package io.rowfs.proxy.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.protocol.nfs3.Filename;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DirCookiesTest {
    private static List<Filename> names(int n) {
        List<Filename> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Filename.of("file-" + i));
        }
        return out;
    }

    @Test
    void cookiesAreStablePerNameDistinctAndAboveDotDot() {
        List<DirCookies.Cookied<Filename>> a = DirCookies.assign(names(5000), Function.identity());
        Set<Long> seen = new HashSet<>();
        long prev = DirCookies.DOTDOT;
        for (var c : a) {
            assertTrue(Long.compareUnsigned(c.cookie(), prev) > 0, "ascending, above '..'");
            assertTrue(c.cookie() < (1L << 62), "62 bits");
            assertTrue(seen.add(c.cookie()));
            assertEquals(DirCookies.hash(c.name()), c.cookie(), "no collision here: cookie is the name's hash");
            prev = c.cookie();
        }
        // adding and removing other names does not move a name's cookie
        List<Filename> changed = new ArrayList<>(names(5000).subList(100, 5000));
        changed.add(Filename.of("late-arrival"));
        for (var c : DirCookies.assign(changed, Function.identity())) {
            if (!c.name().equals(Filename.of("late-arrival"))) {
                assertEquals(DirCookies.hash(c.name()), c.cookie());
            }
        }
    }

    @Test
    void resumeAfterAnyCookieEvenOfARemovedEntry() {
        List<DirCookies.Cookied<Filename>> a = DirCookies.assign(names(100), Function.identity());
        assertEquals(0, DirCookies.resumeIndex(a, 0));
        assertEquals(0, DirCookies.resumeIndex(a, DirCookies.DOTDOT));
        assertEquals(11, DirCookies.resumeIndex(a, a.get(10).cookie()));
        assertEquals(100, DirCookies.resumeIndex(a, a.get(99).cookie()));
        // the entry at index 10 disappears; resuming from its cookie continues with the next one
        List<Filename> without = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            if (i != 10) {
                without.add(a.get(i).name());
            }
        }
        List<DirCookies.Cookied<Filename>> b = DirCookies.assign(without, Function.identity());
        assertEquals(a.get(11).name(), b.get(DirCookies.resumeIndex(b, a.get(10).cookie())).name());
    }

    @Test
    void collisionsGetTheNextFreeValueInNameOrder() {
        // force a collision by assigning through a name function that maps two entries to equal-hash names
        Filename x = Filename.of("same");
        List<String> entries = List.of("b", "a");
        List<DirCookies.Cookied<String>> out = DirCookies.assign(entries, e -> x);
        assertEquals(2, out.size());
        assertEquals(out.get(0).cookie() + 1, out.get(1).cookie());
    }
}
