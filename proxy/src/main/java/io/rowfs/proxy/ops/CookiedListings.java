package io.rowfs.proxy.ops;

import io.rowfs.protocol.nfs3.DirEntryPlus;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.proxy.core.DirCookies;
import io.rowfs.proxy.core.Handles;
import io.rowfs.proxy.core.MergedNames;
import io.rowfs.proxy.core.Resolved;
import io.rowfs.proxy.meta.ObjectRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merged listings in cookie order, each entry with its virtual handle, kept per directory while the
 * namespace's merged listing is the same list: {@link MergedNames#list} hands out one list object
 * until a name in the directory changes, so identity says whether this order is still current.
 * A listing read in pages therefore sorts and MACs its entries once, not once per page and reader.
 *
 * <p>Names, ids and handles are kept (none of them changes while the listing is the same). An
 * entry's READDIRPLUS form, attributes included, is kept only for objects that live on main alone
 * (main's attributes never change) and only while no object record changed since it was built
 * ({@link Handles#recordsVersion()}) or while the object's record is the same instance (a change
 * of any record replaces it): a copy-up, WRITE, SETATTR or rename moves the version and replaces
 * the record, and shadow objects are read afresh every time, so a reply never shows stale sizes or
 * times. Bounded
 * (least recently used dropped first); thread-safe, each method a short critical section fit for
 * the event loop.
 */
final class CookiedListings {
    private static final int DIRS_CACHED = 256;

    private final MergedNames names;
    private final Handles handles;
    /** By directory id, most recently used last; guarded by this. */
    private final Map<Long, Sorted> byDir = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Sorted> eldest) {
            return size() > DIRS_CACHED;
        }
    };

    CookiedListings(MergedNames names, Handles handles) {
        this.names = names;
        this.handles = handles;
    }

    /** The current merged listing of {@code dir} (a directory) in cookie order. */
    Sorted of(Resolved dir) {
        List<MergedNames.Child> listing = names.list(dir);
        synchronized (this) {
            Sorted s = byDir.get(dir.id());
            if (s != null && s.listing() == listing) {
                return s;
            }
        }
        List<DirCookies.Cookied<MergedNames.Child>> cookied = DirCookies.assign(listing, MergedNames.Child::name);
        List<DirCookies.Cookied<Entry>> entries = new ArrayList<>(cookied.size());
        for (DirCookies.Cookied<MergedNames.Child> c : cookied) {
            Resolved o = c.value().object();
            entries.add(new DirCookies.Cookied<>(c.cookie(), c.name(), new Entry(o, handles.handle(o))));
        }
        Sorted s = new Sorted(listing, List.copyOf(entries));
        synchronized (this) {
            byDir.put(dir.id(), s);
        }
        return s;
    }

    /**
     * The version of the object records now (read it before reading any record whose attributes an
     * entry will keep); -1 when the namespace's table keeps no version, so nothing is kept.
     */
    long version() {
        return handles.recordsVersion();
    }

    /** Directories whose order is kept (tests). */
    synchronized int size() {
        return byDir.size();
    }

    /** One directory's entries by ascending cookie, for the merged listing {@code listing}. */
    record Sorted(List<MergedNames.Child> listing, List<DirCookies.Cookied<Entry>> entries) {
        /** Index of the first entry after {@code cookie} (0: from the start). */
        int resumeIndex(long cookie) {
            return DirCookies.resumeIndex(entries, cookie);
        }
    }

    /** An entry's object (its record as of when the listing was built) and virtual handle. */
    static final class Entry {
        private final Resolved object;
        private final FileHandle handle;
        private volatile Kept kept;

        Entry(Resolved object, FileHandle handle) {
            this.object = object;
            this.handle = handle;
        }

        Resolved object() {
            return object;
        }

        FileHandle handle() {
            return handle;
        }

        /** The READDIRPLUS entry kept at record version {@code version}, or null. */
        DirEntryPlus plus(long version) {
            Kept k = kept;
            return k != null && version >= 0 && k.version() == version ? k.entry() : null;
        }

        /**
         * The READDIRPLUS entry kept for this very record instance (records are replaced, never
         * changed, and the object table hands out one instance until the record changes), or null;
         * found again at {@code version}.
         */
        DirEntryPlus plus(long version, ObjectRecord now) {
            Kept k = kept;
            if (k == null || k.record() != now) {
                return null;
            }
            keep(version, now, k.entry());
            return k.entry();
        }

        /** Keeps {@code entry}, built from {@code record}, read after reading {@code version}. */
        void keep(long version, ObjectRecord record, DirEntryPlus entry) {
            if (version >= 0) {
                kept = new Kept(version, record, entry);
            }
        }

        private record Kept(long version, ObjectRecord record, DirEntryPlus entry) {
        }
    }
}
