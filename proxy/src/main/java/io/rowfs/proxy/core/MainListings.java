package io.rowfs.proxy.core;

import io.rowfs.protocol.nfs3.Filename;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Main's listings of directories, by virtual directory id. Main is read-only for an image version,
 * so a listing never goes stale; it answers READDIR merges and, through {@link #find}, LOOKUPs of
 * names in that directory without a round trip to main (present or absent alike).
 *
 * <p>Bounded by the total number of entries held: the least recently used listings are dropped
 * first (refetching costs one READDIRPLUS stream). Thread-safe; every method is a short critical
 * section, fit for the event loop.
 */
final class MainListings {
    private final long maxEntries;
    private final LinkedHashMap<Long, Listing> byDir = new LinkedHashMap<>(64, 0.75f, true); // guarded by this
    private long held; // guarded by this

    MainListings(long maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** The listing of directory {@code dirId}, or null when it is not known. */
    synchronized List<MainEntry> get(long dirId) {
        Listing l = byDir.get(dirId);
        return l == null ? null : l.entries();
    }

    synchronized void put(long dirId, List<MainEntry> entries) {
        Map<Filename, MainEntry> byName = new HashMap<>(entries.size() * 2);
        for (MainEntry e : entries) {
            byName.put(e.name(), e);
        }
        Listing old = byDir.put(dirId, new Listing(List.copyOf(entries), byName));
        held += entries.size() - (old == null ? 0 : old.entries().size());
        var it = byDir.entrySet().iterator();
        while (held > maxEntries && it.hasNext()) {
            var eldest = it.next();
            if (eldest.getKey() == dirId) {
                continue; // keep the listing just added, even alone over the bound
            }
            held -= eldest.getValue().entries().size();
            it.remove();
        }
    }

    /**
     * Main's entry {@code name} of directory {@code dirId}: null when the listing is not known,
     * empty when main's directory has no such name.
     */
    @SuppressWarnings("java:S2789") // null and empty mean different things here, as documented
    synchronized Optional<MainEntry> find(long dirId, Filename name) {
        Listing l = byDir.get(dirId);
        return l == null ? null : Optional.ofNullable(l.byName().get(name));
    }

    synchronized long entriesHeld() {
        return held;
    }

    private record Listing(List<MainEntry> entries, Map<Filename, MainEntry> byName) {
    }
}
