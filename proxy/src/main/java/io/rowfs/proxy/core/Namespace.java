package io.rowfs.proxy.core;

import io.rowfs.protocol.nfs3.DirEntryPlus;
import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.FileType;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.LookupResult;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.protocol.nfs3.NfsPath;
import io.rowfs.protocol.nfs3.NfsTime3;
import io.rowfs.protocol.nfs3.ReaddirplusResult;
import io.rowfs.protocol.nfs3.Sattr3;
import io.rowfs.protocol.nfs3.SetTime;
import io.rowfs.protocol.nfs3.TimeHow;
import io.rowfs.protocol.nfs3.Verifier;
import io.rowfs.proxy.backend.MainBackend;
import io.rowfs.proxy.threading.NonBlocking;
import io.rowfs.proxy.backend.ShadowBackend;
import io.rowfs.proxy.handle.BadHandleException;
import io.rowfs.proxy.handle.VirtualHandle;
import io.rowfs.proxy.handle.VirtualHandleCodec;
import io.rowfs.proxy.meta.NameEntry;
import io.rowfs.proxy.meta.IntentLog;
import io.rowfs.proxy.meta.NameIndex;
import io.rowfs.proxy.meta.ObjectRecord;
import io.rowfs.proxy.meta.ObjectTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The merged namespace: turns virtual handles into objects, looks names up (whiteouts first, then
 * the name index, then main), lists merged directories, and copies objects up into the shadow (a
 * directory's missing shadow ancestors are re-created lazily, at the object's merged path).
 *
 * <p>Invariant: an object with a shadow copy lives at {@code shadow(parent)/name}, and its parent
 * has a shadow copy too. Namespace changes and directory copy-up hold {@link #lock()}; file copy-up
 * holds the object's lock first, then the namespace lock. Blocking: worker threads only.
 *
 * <p>Main's attributes and listings are cached without expiry: main is read-only for an image version.
 */
public final class Namespace {
    public static final int EXPORT_ID = 1;
    private static final int LISTINGS_CACHED = 256;
    private static final long MAIN_ENTRIES_CACHED = 1_000_000;
    private static final int LINK_TARGETS_CACHED = 100_000;
    /**
     * A LOOKUP in a main directory up to this size (main's directory size attribute, bytes) fetches
     * the whole listing once instead, which then answers every LOOKUP there (a boot stats whole
     * directories); larger directories are looked up name by name.
     */
    private static final long LISTING_FOR_LOOKUP_MAX_BYTES = 512 * 1024;
    private static final int MAIN_MISSES_CACHED = 100_000;
    /**
     * Bound of main's attributes by object: main is read-only, so they never go stale, but a large
     * image must not grow them without end. Like the misses and link targets, emptied when full
     * (refetching costs a GETATTR to main per object).
     */
    static final int MAIN_ATTRS_CACHED = 262_144;

    private final ObjectTable objects;
    private final NameIndex names;
    private final IntentLog intents;
    private final MainBackend main;
    private final ShadowBackend shadow;
    private final VirtualHandleCodec codec;
    private final ReentrantLock lock = new ReentrantLock();
    private final StripedLocks objectLocks = new StripedLocks(256);
    private final Map<Long, Fattr3> mainAttrs = new ConcurrentHashMap<>();
    /**
     * Names main does not have, in directories too large to list (a dynamic loader probes many
     * absent paths); main is read-only, so an absence is permanent.
     */
    private final java.util.Set<DirName> mainMisses = ConcurrentHashMap.newKeySet();
    /** Symbolic link targets by object id: a link's target never changes and ids are never reused. */
    private final Map<Long, NfsPath> linkTargets = new ConcurrentHashMap<>();
    private final MainListings mainListings = new MainListings(MAIN_ENTRIES_CACHED);
    private final PendingCreates pending = new PendingCreates();
    /** Merged listings by directory id, most recently used last; guarded by {@link #lock}. */
    private final Map<Long, List<Child>> listings = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, List<Child>> eldest) {
            return size() > LISTINGS_CACHED;
        }
    };

    public Namespace(ObjectTable objects, NameIndex names, IntentLog intents, MainBackend main, ShadowBackend shadow,
                     VirtualHandleCodec codec) {
        this.intents = intents;
        this.objects = objects;
        this.names = names;
        this.main = main;
        this.shadow = shadow;
        this.codec = codec;
    }

    /** The namespace lock (reentrant): held for every change of names and for directory copy-up. */
    public ReentrantLock lock() {
        return lock;
    }

    /** The lock of one object: held for its copy-up, writes and truncates. */
    public ReentrantLock lockOf(long id) {
        return objectLocks.of(id);
    }

    public MainBackend main() {
        return main;
    }

    public ShadowBackend shadow() {
        return shadow;
    }

    public ObjectTable objects() {
        return objects;
    }

    public NameIndex names() {
        return names;
    }

    /** Where multi-step changes record themselves before their first step (see {@link IntentRecovery}). */
    public IntentLog intents() {
        return intents;
    }

    // ---- handles ----

    /** The object a client handle names: BADHANDLE if it does not decode, STALE if the object is gone. */
    public Resolved resolve(FileHandle fh) {
        VirtualHandle vh;
        try {
            vh = codec.decode(fh.bytes());
        } catch (BadHandleException e) {
            throw new NfsException(Nfs3Status.BADHANDLE, e.getMessage());
        }
        if (vh.exportId() != EXPORT_ID) {
            throw new NfsException(Nfs3Status.STALE, "handle of export " + vh.exportId());
        }
        ObjectRecord r = objects.get(vh.objectId())
                .orElseThrow(() -> new NfsException(Nfs3Status.STALE, "object " + vh.objectId() + " is gone"));
        if (r.generation() != vh.generation()) {
            throw new NfsException(Nfs3Status.STALE, "object " + vh.objectId() + " was re-used");
        }
        return new Resolved(vh.objectId(), r);
    }

    public FileHandle handle(Resolved r) {
        return FileHandle.of(codec.encode(new VirtualHandle(EXPORT_ID, r.id(), r.record().generation())));
    }

    public Resolved reload(long id) {
        return new Resolved(id, objects.get(id)
                .orElseThrow(() -> new NfsException(Nfs3Status.STALE, "object " + id + " is gone")));
    }

    public Resolved root() {
        return reload(ObjectTable.ROOT_ID);
    }

    /**
     * The handle of the object's shadow copy. For a file whose shadow CREATE is still queued
     * ({@link NamesBehind}) this waits until it is made (on the fast path: WouldBlock).
     */
    public FileHandle shadowHandle(Resolved r) {
        byte[] known = r.record().shadowHandle();
        if (known.length > 0) {
            return FileHandle.of(known);
        }
        if (r.record().has(ObjectRecord.FLAG_SHADOW_PENDING)) {
            FileHandle made = pending.await(r.id());
            if (made != null) {
                return made;
            }
            byte[] recorded = reload(r.id()).record().shadowHandle(); // recorded since r was read
            if (recorded.length > 0) {
                return FileHandle.of(recorded);
            }
        }
        throw new NfsException(Nfs3Status.SERVERFAULT, "object " + r.id() + " has no shadow copy");
    }

    /** The attributes of the object's shadow copy; while its CREATE is queued, those it will have. */
    public Fattr3 shadowAttributes(Resolved r) {
        if (r.record().has(ObjectRecord.FLAG_SHADOW_PENDING)) {
            Fattr3 predicted = pending.predicted(r.id());
            if (predicted != null) {
                return predicted;
            }
        }
        return shadow.getattr(shadowHandle(r));
    }

    /** Files whose shadow CREATE is queued behind the reply. */
    PendingCreates pendingCreates() {
        return pending;
    }

    // ---- lookup and listing ----

    /** LOOKUP in the merged directory; empty when the name does not exist (or is whited out). */
    public Optional<Resolved> lookup(Resolved dir, Filename name) {
        requireDir(dir);
        if (name.isDot()) {
            return Optional.of(dir);
        }
        if (name.isDotDot()) {
            return Optional.of(reload(dir.record().parentId()));
        }
        Optional<NameEntry> entry = names.get(dir.id(), name);
        if (entry.isPresent()) {
            if (entry.get().isWhiteout()) {
                return Optional.empty();
            }
            return objects.get(entry.get().childId()).map(r -> new Resolved(entry.get().childId(), r));
        }
        if (!dir.record().onMain()) {
            return Optional.empty();
        }
        return mainEntry(dir, name).map(e -> adoptMainChild(dir.id(), name, e.handle(), e.attributes()));
    }

    /**
     * Main's entry {@code name} of a directory that has a main copy, with its handle and
     * attributes: from main's listing of the directory when it is known (or small enough to fetch
     * whole), else from a LOOKUP. Absent names are remembered (main is read-only).
     */
    private Optional<MainEntry> mainEntry(Resolved dir, Filename name) {
        Optional<MainEntry> listed = mainListings.find(dir.id(), name);
        if (listed == null && wantsListing(dir)) {
            mainListing(dir);
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

    /** Gives main's entry {@code name} of directory {@code parentId} its virtual id (once). */
    private Resolved adoptMainChild(long parentId, Filename name, FileHandle mainHandle, Fattr3 attrs) {
        NonBlocking.lock(lock);
        try {
            Optional<NameEntry> raced = names.get(parentId, name);
            if (raced.isPresent() && !raced.get().isWhiteout()) {
                return reload(raced.get().childId());
            }
            if (raced.isPresent()) {
                throw new NfsException(Nfs3Status.NOENT, "removed meanwhile");
            }
            ObjectRecord r = new ObjectRecord(parentId, name.bytes(), attrs.type().value(), 0, 0, -1,
                    mainHandle.bytes(), new byte[0]);
            long id = objects.insert(r);
            names.put(parentId, name, NameEntry.child(id));
            putBounded(mainAttrs, id, attrs, MAIN_ATTRS_CACHED);
            return new Resolved(id, r);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The merged listing of {@code dir} (without "." and ".."), every entry with its virtual object
     * (records as of when the listing was built: re-read them for current attributes). Listings are
     * cached until a name in the directory changes.
     */
    public List<Child> list(Resolved dir) {
        requireDir(dir);
        List<MainEntry> mainEntries = dir.record().onMain() ? mainListing(dir) : List.of();
        NonBlocking.lock(lock);
        try {
            List<Child> cached = listings.get(dir.id());
            if (cached == null) {
                cached = List.copyOf(merge(dir, mainEntries));
                listings.put(dir.id(), cached);
            }
            return cached;
        } finally {
            lock.unlock();
        }
    }

    private List<Child> merge(Resolved dir, List<MainEntry> mainEntries) {
        Map<Filename, MainEntry> byName = new java.util.HashMap<>();
        for (MainEntry e : mainEntries) {
            byName.put(e.name(), e);
        }
        List<MergedListing.Named> merged = MergedListing.merge(byName.keySet(), names.entries(dir.id()));
        List<Child> out = new ArrayList<>(merged.size());
        for (MergedListing.Named n : merged) {
            if (n.id() != 0) {
                objects.get(n.id()).ifPresent(r -> out.add(new Child(n.name(), new Resolved(n.id(), r))));
                continue;
            }
            MainEntry listed = byName.get(n.name());
            try {
                Optional<MainEntry> e = listed.handle() != null && listed.attributes() != null ? Optional.of(listed)
                        : mainEntry(dir, n.name());
                if (e.isPresent()) { // else it vanished from main between READDIR and LOOKUP
                    out.add(new Child(n.name(), adoptMainChild(dir.id(), n.name(), e.get().handle(), e.get().attributes())));
                }
            } catch (NfsException removed) {
                if (removed.status() != Nfs3Status.NOENT) {
                    throw removed;
                }
            }
        }
        return out;
    }

    private List<MainEntry> mainListing(Resolved dir) {
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
        return mainAttributes(dir).size() <= LISTING_FOR_LOOKUP_MAX_BYTES;
    }

    /** Whether the merged directory has no entries (for RMDIR and RENAME over a directory). */
    public boolean isEmpty(Resolved dir) {
        return list(dir).isEmpty();
    }

    // ---- attributes ----

    /** Puts into a cache emptied when it reaches {@code max} entries (see {@link #MAIN_ATTRS_CACHED}). */
    static <K, V> void putBounded(Map<K, V> cache, K key, V value, int max) {
        if (cache.size() >= max) {
            cache.clear();
        }
        cache.put(key, value);
    }

    /** Main's attributes of an object that has a main copy (cached). */
    public Fattr3 mainAttributes(Resolved r) {
        Fattr3 a = mainAttrs.get(r.id());
        if (a == null) {
            a = main.getattr(r.mainHandle());
            putBounded(mainAttrs, r.id(), a, MAIN_ATTRS_CACHED);
        }
        return a;
    }

    /** The target of a symbolic link (from main or the shadow once, then remembered). */
    public NfsPath linkTarget(Resolved r) {
        NfsPath target = linkTargets.get(r.id());
        if (target == null) {
            target = r.record().inShadow() ? shadow.readlink(shadowHandle(r)) : main.readlink(r.mainHandle());
            putBounded(linkTargets, r.id(), target, LINK_TARGETS_CACHED);
        }
        return target;
    }

    /** Main's size of the file, or 0 for a file without a main copy. */
    public long mainSize(Resolved r) {
        return r.record().onMain() ? mainAttributes(r).size() : 0;
    }

    // ---- changes ----

    /** Records a new object and binds {@code name} in {@code parentId} to it. Caller holds the lock. */
    public Resolved bindNew(long parentId, Filename name, ObjectRecord record) {
        long id = objects.insert(record);
        names.put(parentId, name, NameEntry.child(id));
        changed(parentId);
        return new Resolved(id, record);
    }

    public void bind(long parentId, Filename name, long childId) {
        names.put(parentId, name, NameEntry.child(childId));
        changed(parentId);
    }

    /**
     * Moves object {@code id}'s name from {@code from}/{@code fromName} to
     * {@code toDirId}/{@code toName} in the tables (binding, unbinding, the record's parent and
     * name), as RENAME ends; repeating it changes nothing. Caller holds the lock.
     */
    public void moveBinding(long id, Resolved from, Filename fromName, long toDirId, Filename toName) {
        bind(toDirId, toName, id);
        Optional<NameEntry> old = names.get(from.id(), fromName);
        if (old.isPresent() && !old.get().isWhiteout() && old.get().childId() == id) {
            unbind(from, fromName);
        }
        objects.update(id, r -> r.parentId() == from.id() && java.util.Arrays.equals(r.name(), fromName.bytes())
                ? r.withParent(toDirId, toName.bytes()) : r);
    }

    /**
     * Takes {@code name} out of the merged directory: where main has an entry of that name it is
     * whited out (so it stays hidden), otherwise the binding simply goes (no whiteout piles up for
     * names that only ever lived in the shadow). Caller holds the lock.
     */
    public void unbind(Resolved dir, Filename name) {
        unbind(dir, name, mainHas(dir, name));
    }

    /** As {@link #unbind(Resolved, Filename)}, told whether main has {@code name} ({@link #mainHas}). */
    public void unbind(Resolved dir, Filename name, boolean onMain) {
        if (onMain) {
            names.put(dir.id(), name, NameEntry.WHITEOUT);
        } else {
            names.remove(dir.id(), name);
        }
        changed(dir.id());
    }

    /** Whether main's copy of {@code dir} has an entry {@code name} (which a removal must white out). */
    public boolean mainHas(Resolved dir, Filename name) {
        return dir.record().onMain() && mainEntry(dir, name).isPresent();
    }

    /** Drops the cached listing of a directory whose names changed. */
    private void changed(long dirId) {
        lock.lock();
        try {
            listings.remove(dirId);
        } finally {
            lock.unlock();
        }
    }

    // ---- copy-up ----

    /** The shadow handle of the directory, creating it (and its missing ancestors) in the shadow. */
    public FileHandle ensureShadowDir(Resolved dir) {
        requireDir(dir);
        lock.lock();
        try {
            Resolved r = reload(dir.id());
            if (r.record().inShadow()) {
                return shadowHandle(r);
            }
            FileHandle parent = ensureShadowDir(reload(r.record().parentId()));
            Fattr3 a = mainAttributes(r);
            Filename name = Filename.of(r.record().name());
            FileHandle fh = createInShadow(parent, name, () -> shadow.mkdir(parent, name, ownerAndMode(a)).object(), true);
            shadow.setattr(fh, times(a));
            objects.update(r.id(), cur -> cur.withShadowHandle(fh.bytes()));
            return fh;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Copies an object up: afterwards it has a shadow copy. A regular file's copy is sparse and of
     * main's size; its data stays on main until blocks are written (the block bitmap says which).
     */
    public Resolved copyUp(Resolved obj) {
        if (obj.record().inShadow()) {
            return obj;
        }
        if (obj.isDir()) {
            ensureShadowDir(obj);
            return reload(obj.id());
        }
        ReentrantLock objectLock = lockOf(obj.id());
        objectLock.lock();
        try {
            lock.lock();
            try {
                Resolved r = reload(obj.id());
                if (r.record().inShadow()) {
                    return r;
                }
                FileHandle parent = ensureShadowDir(reload(r.record().parentId()));
                Fattr3 a = mainAttributes(r);
                Filename name = Filename.of(r.record().name());
                Sattr3 attrs = ownerAndMode(a);
                FileHandle fh = switch (r.type()) {
                    case REG -> createInShadow(parent, name, () -> shadow.create(parent, name, attrs).object(), false);
                    case LNK -> {
                        var target = linkTarget(r);
                        yield createInShadow(parent, name, () -> shadow.symlink(parent, name, attrs, target).object(), false);
                    }
                    default -> createInShadow(parent, name,
                            () -> shadow.mknod(parent, name, r.type(), attrs, a.rdev()).object(), false);
                };
                boolean file = r.type() == FileType.REG;
                if (file) {
                    shadow.setattr(fh, new Sattr3(null, null, null, a.size(), SetTime.DONT_CHANGE, SetTime.DONT_CHANGE));
                }
                if (r.type() != FileType.LNK) {
                    shadow.setattr(fh, times(a));
                }
                objects.update(r.id(), cur -> file ? cur.withShadowHandle(fh.bytes()).withLogicalSize(a.size())
                        : cur.withShadowHandle(fh.bytes()));
                return reload(r.id());
            } finally {
                lock.unlock();
            }
        } finally {
            objectLock.unlock();
        }
    }

    /**
     * Creates {@code name} in a shadow directory. A name already there is an orphan (the proxy died
     * between creating it and recording it, or a directory copy-up raced): an existing directory is
     * adopted when {@code adoptDir}, anything else is removed and the create retried once.
     */
    public FileHandle createInShadow(FileHandle dir, Filename name, Supplier<FileHandle> create, boolean adoptDir) {
        try {
            return requireHandle(create.get());
        } catch (NfsException e) {
            if (e.status() != Nfs3Status.EXIST) {
                throw e;
            }
        }
        LookupResult existing = shadow.lookup(dir, name);
        if (existing.status().isOk()) {
            boolean isDir = existing.objAttributes().isPresent()
                    && existing.objAttributes().attributes().type() == FileType.DIR;
            if (isDir && adoptDir) {
                return existing.object();
            }
            if (isDir) {
                shadow.rmdir(dir, name);
            } else {
                shadow.remove(dir, name);
            }
        }
        return requireHandle(create.get());
    }

    private static FileHandle requireHandle(FileHandle fh) {
        if (fh == null) {
            throw new NfsException(Nfs3Status.SERVERFAULT, "shadow returned no handle for a new object");
        }
        return fh;
    }

    /** Bumps a merged directory's mtime (its shadow copy's), for listing changes the shadow did not see. */
    public void touch(Resolved dir) {
        FileHandle fh = ensureShadowDir(dir);
        shadow.setattr(fh, new Sattr3(null, null, null, null, SetTime.SERVER_TIME, SetTime.SERVER_TIME));
    }

    static Sattr3 ownerAndMode(Fattr3 a) {
        return new Sattr3(a.mode(), a.uid(), a.gid(), null, SetTime.DONT_CHANGE, SetTime.DONT_CHANGE);
    }

    static Sattr3 times(Fattr3 a) {
        return new Sattr3(null, null, null, null, clientTime(a.atime()), clientTime(a.mtime()));
    }

    private static SetTime clientTime(NfsTime3 t) {
        return new SetTime(TimeHow.SET_TO_CLIENT_TIME, t);
    }

    public static void requireDir(Resolved r) {
        if (!r.isDir()) {
            throw new NfsException(Nfs3Status.NOTDIR, "object " + r.id() + " is not a directory");
        }
    }

    private record DirName(long dirId, Filename name) {
    }

    /** A named entry of a merged directory. */
    public record Child(Filename name, Resolved object) {
    }
}
