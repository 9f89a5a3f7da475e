package io.rowfs.proxy.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.proxy.meta.NameEntry;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MergedListingTest {
    private static Filename f(String s) {
        return Filename.of(s);
    }

    private static Map<String, Long> asMap(List<MergedListing.Named> l) {
        Map<String, Long> m = new TreeMap<>();
        l.forEach(n -> m.put(n.name().toString(), n.id()));
        return m;
    }

    @Test
    void mainMinusWhiteoutsPlusIndexChildren() {
        List<Filename> main = List.of(f("bin"), f("etc"), f("gone"), f("moved-away"), f("known"));
        Map<Filename, NameEntry> index = Map.of(
                f("gone"), NameEntry.WHITEOUT,
                f("moved-away"), NameEntry.WHITEOUT,
                f("known"), NameEntry.child(9),
                f("created"), NameEntry.child(11),
                f("renamed-here"), NameEntry.child(12),
                f("removed-new"), NameEntry.WHITEOUT);
        assertEquals(Map.of("bin", 0L, "etc", 0L, "known", 9L, "created", 11L, "renamed-here", 12L),
                asMap(MergedListing.merge(main, index)));
    }

    @Test
    void recreatedNameIsTheNewObject() {
        assertEquals(Map.of("a", 20L), asMap(MergedListing.merge(List.of(f("a")), Map.of(f("a"), NameEntry.child(20)))));
    }

    @Test
    void emptyCases() {
        assertEquals(Map.of(), asMap(MergedListing.merge(List.of(), Map.of())));
        assertEquals(Map.of(), asMap(MergedListing.merge(List.of(f("x")), Map.of(f("x"), NameEntry.WHITEOUT))));
    }
}
