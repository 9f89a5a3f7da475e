package io.rowfs.proxy.core;

import io.rowfs.protocol.nfs3.DirEntryPlus;
import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.LookupResult;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.protocol.nfs3.NfsPath;
import io.rowfs.protocol.nfs3.ReaddirplusResult;
import io.rowfs.protocol.nfs3.Verifier;
import io.rowfs.proxy.store.MainStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What main said about its objects, kept without expiry: main is read-only for an image version,
 * so its answers stay true. Main's attributes by object, its listings of directories
 * ({@link MainListings}), the names it does not have, and link targets (which never change, and
 * object ids are never reused). Each cache is bounded; the unordered ones are emptied when full
 * (refetching costs one call to main per object).
 *
 * <p>Thread-safe. A hit never blocks (the event loop's fast path); a miss calls main, which on the
 * fast path throws {@code WouldBlock} first (see {@code NfsMainStore}).
 */
public final class MainMetadata {
    private static final long MAIN_ENTRIES_CACHED = 1_000_000;
    private static final int LINK_TARGETS_CACHED = 100_000;
    private static final int MAIN_MISSES_CACHED = 100_000;
    /**
     * A LOOKUP in a main directory up to this size (main's directory size attribute, bytes) fetches
     * the whole listing once instead, which then answers every LOOKUP there (a boot stats whole
     * directories); larger directories are looked up name by name.
     */
    private static final long LISTING_FOR_LOOKUP_MAX_BYTES = 512 * 1024;
    /**
     * Bound of main's attributes by object: main is read-only, so they never go stale, but a large
     * image must not grow them without end.
     */
    static final int MAIN_ATTRS_CACHED = 262_144;

    private final MainStore main;
    private final Map<Long, Fattr3> mainAttrs = new ConcurrentHashMap<>();
    /**
     * Names main does not have, in directories too large to list (a dynamic loader probes many
     * absent paths); main is read-only, so an absence is permanent.
     */
    private final Set<DirName> mainMisses = ConcurrentHashMap.newKeySet();
    /** Symbolic link targets by object id, from main or the shadow. */
    private final Map<Long, NfsPath> linkTargets = new ConcurrentHashMap<>();
    private final MainListings mainListings = new MainListings(MAIN_ENTRIES_CACHED);

    public MainMetadata(MainStore main) {
        this.main = main;
    }

    /** Puts into a cache emptied when it reaches {@code max} entries (see {@link #MAIN_ATTRS_CACHED}). */
    static <K, V> void putBounded(Map<K, V> cache, K key, V value, int max) {
        if (cache.size() >= max) {
            cache.clear();
        }
        cache.put(key, value);
    }

    /** Main's attributes of an object that has a main copy. */
    public Fattr3 attributes(Resolved r) {
        Fattr3 a = mainAttrs.get(r.id());
        if (a == null) {
            a = main.getattr(r.mainHandle());
            putBounded(mainAttrs, r.id(), a, MAIN_ATTRS_CACHED);
        }
        return a;
    }

    /** Remembers main's attributes of a new object (from the listing or LOOKUP that found it). */
    void learn(long id, Fattr3 attrs) {
        putBounded(mainAttrs, id, attrs, MAIN_ATTRS_CACHED);
    }

    /** Main's size of the file, or 0 for a file without a main copy. */
    public long size(Resolved r) {
        return r.record().onMain() ? attributes(r).size() : 0;
    }

    /** Main's link target of a symbolic link that lives on main alone. */
    public NfsPath linkTarget(Resolved r) {
        return linkTarget(r.id(), () -> main.readlink(r.mainHandle()));
    }

    /** The link target of object {@code id}, read once with {@code read} (from whichever store holds the link). */
    public NfsPath linkTarget(long id, Supplier<NfsPath> read) {
        NfsPath target = linkTargets.get(id);
        if (target == null) {
            target = read.get();
            putBounded(linkTargets, id, target, LINK_TARGETS_CACHED);
        }
        return target;
    }

    /** Whether main's copy of {@code dir} has an entry {@code name}. */
    public boolean has(Resolved dir, Filename name) {
        return dir.record().onMain() && entry(dir, name).isPresent();
    }

    /**
     * Main's entry {@code name} of a directory that has a main copy, with its handle and
     * attributes: from main's listing of the directory when it is known (or small enough to fetch
     * whole), else from a LOOKUP. Absent names are remembered.
     */
    Optional<MainEntry> entry(Resolved dir, Filename name) {
        Optional<MainEntry> listed = mainListings.find(dir.id(), name);
        if (listed == null && wantsListing(dir)) {
            listing(dir);
            listed = mainListings.find(dir.id(), name);
        }
        if (listed != null) { // main's listing of the directory is known: no LOOKUP needed
            if (listed.isEmpty() || (listed.get().handle() != null && listed.get().attributes() != null)) {
                return listed;
            }
        } else if (mainMisses.contains(new DirName(dir.id(), name))) {
            return Optional.empty();
        }
        LookupResult found = main.lookup(dir.mainHandle(), name);
        if (found.status() == Nfs3Status.NOENT) {
            if (mainMisses.size() >= MAIN_MISSES_CACHED) {
                mainMisses.clear();
            }
            mainMisses.add(new DirName(dir.id(), name));
            return Optional.empty();
        }
        if (!found.status().isOk()) {
            throw new NfsException(found.status(), "main LOOKUP: " + found.status());
        }
        Fattr3 attrs = found.objAttributes().isPresent() ? found.objAttributes().attributes()
                : main.getattr(found.object());
        return Optional.of(new MainEntry(name, found.object(), attrs));
    }

    /** Main's listing of {@code dir} (without "." and ".."), read whole once. */
    List<MainEntry> listing(Resolved dir) {
        List<MainEntry> cached = mainListings.get(dir.id());
        if (cached != null) {
            return cached;
        }
        List<MainEntry> entries = new ArrayList<>();
        long cookie = 0;
        Verifier verifier = Verifier.ZERO;
        while (true) {
            ReaddirplusResult page = main.readdirplus(dir.mainHandle(), cookie, verifier);
            for (DirEntryPlus e : page.entries()) {
                cookie = e.cookie();
                if (!e.name().isDotOrDotDot()) {
                    entries.add(new MainEntry(e.name(), e.handle(), e.attributes().attributes()));
                }
            }
            verifier = page.cookieVerifier();
            if (page.eof() || page.entries().isEmpty()) {
                break;
            }
        }
        mainListings.put(dir.id(), entries);
        return mainListings.get(dir.id());
    }

    private boolean wantsListing(Resolved dir) {
        return attributes(dir).size() <= LISTING_FOR_LOOKUP_MAX_BYTES;
    }

    private record DirName(long dirId, Filename name) {
    }
}
