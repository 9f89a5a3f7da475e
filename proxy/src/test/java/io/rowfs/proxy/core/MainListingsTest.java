package io.rowfs.proxy.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.protocol.nfs3.Filename;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainListingsTest {
    private static List<MainEntry> entries(String prefix, int n) {
        List<MainEntry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new MainEntry(Filename.of(prefix + i), null, null));
        }
        return out;
    }

    @Test
    void answersPresentAndAbsentNamesOnlyForKnownDirectories() {
        MainListings listings = new MainListings(100);
        assertNull(listings.find(5, Filename.of("a0")), "unknown directory: no answer");
        listings.put(5, entries("a", 3));
        assertEquals("a2", listings.find(5, Filename.of("a2")).orElseThrow().name().toString());
        assertTrue(listings.find(5, Filename.of("b0")).isEmpty(), "known directory without the name");
        assertEquals(3, listings.get(5).size());
    }

    @Test
    void dropsLeastRecentlyUsedListingsPastTheEntryBound() {
        MainListings listings = new MainListings(10);
        listings.put(1, entries("a", 4));
        listings.put(2, entries("b", 4));
        listings.get(1); // 1 is now more recent than 2
        listings.put(3, entries("c", 4));
        assertNotNull(listings.get(1));
        assertNull(listings.get(2));
        assertNotNull(listings.get(3));
        assertEquals(8, listings.entriesHeld());
        listings.put(4, entries("d", 50)); // alone over the bound: kept, the rest dropped
        assertNotNull(listings.get(4));
        assertEquals(50, listings.entriesHeld());
    }
}
