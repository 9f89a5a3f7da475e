package io.rowfs.protocol.mount;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who has mounted what, for DUMP; in memory only (a restart forgets it, as the MOUNT protocol
 * tolerates: the list is advisory). Thread-safe; every method holds this object's monitor.
 */
public final class MountTable {
    /** Guarded by {@code this}. */
    private final Set<MountEntry> entries = new LinkedHashSet<>();

    public synchronized void add(String hostname, String directory) {
        entries.add(new MountEntry(hostname, directory));
    }

    public synchronized boolean remove(String hostname, String directory) {
        return entries.remove(new MountEntry(hostname, directory));
    }

    public synchronized void removeAll(String hostname) {
        entries.removeIf(e -> e.hostname().equals(hostname));
    }

    public synchronized List<MountEntry> entries() {
        return new ArrayList<>(entries);
    }
}
