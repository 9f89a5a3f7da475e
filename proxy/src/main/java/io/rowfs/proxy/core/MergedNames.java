package io.rowfs.proxy.core;

import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.proxy.meta.NameEntry;
import io.rowfs.proxy.meta.NameIndex;
import io.rowfs.proxy.meta.ObjectRecord;
import io.rowfs.proxy.meta.ObjectTable;
import io.rowfs.proxy.threading.NonBlocking;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The names of the merged tree: LOOKUP (whiteouts first, then the name index, then main), merged
 * listings (cached per directory until a name in it changes), and the table side of name changes
 * (bind, unbind with whiteouts where main has the name, move). A name of main met for the first
 * time gets its virtual object here (adopted, once).
 *
 * <p>The namespace lock ({@code row.Room} creates it) is held here only to adopt a main name and to
 * read or fill the listing cache; the changing methods are called with it held. Lookups and
 * listings answered from the tables and main's cached answers never block (event loop); a miss
 * calls main (on the fast path: {@code WouldBlock} first).
 */
public final class MergedNames {
    private static final int LISTINGS_CACHED = 256;

    private final ObjectTable objects;
    private final NameIndex names;
    private final MainMetadata main;
    private final Handles handles;
    private final ReentrantLock lock;
    /** Merged listings by directory id, most recently used last; guarded by {@link #lock}. */
    private final Map<Long, List<Child>> listings = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, List<Child>> eldest) {
            return size() > LISTINGS_CACHED;
        }
    };

    /** @param namespaceLock the namespace lock, held by every name change */
    public MergedNames(ObjectTable objects, NameIndex names, MainMetadata main, Handles handles,
                       ReentrantLock namespaceLock) {
        this.objects = objects;
        this.names = names;
        this.main = main;
        this.handles = handles;
        this.lock = namespaceLock;
    }

    /** LOOKUP in the merged directory; empty when the name does not exist (or is whited out). */
    public Optional<Resolved> lookup(Resolved dir, Filename name) {
        requireDir(dir);
        if (name.isDot()) {
            return Optional.of(dir);
        }
        if (name.isDotDot()) {
            return Optional.of(handles.reload(dir.record().parentId()));
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
        return main.entry(dir, name).map(e -> adoptMainChild(dir.id(), name, e.handle(), e.attributes()));
    }

    /** The name index's entry {@code name} of directory {@code dirId} (a child or a whiteout). */
    public Optional<NameEntry> bound(long dirId, Filename name) {
        return names.get(dirId, name);
    }

    /** Whether the name index binds {@code name} in {@code dirId} to object {@code id}. */
    public boolean isBoundTo(long dirId, Filename name, long id) {
        Optional<NameEntry> e = names.get(dirId, name);
        return e.isPresent() && !e.get().isWhiteout() && e.get().childId() == id;
    }

    /** Gives main's entry {@code name} of directory {@code parentId} its virtual id (once). */
    private Resolved adoptMainChild(long parentId, Filename name, FileHandle mainHandle, Fattr3 attrs) {
        NonBlocking.lock(lock);
        try {
            Optional<NameEntry> raced = names.get(parentId, name);
            if (raced.isPresent() && !raced.get().isWhiteout()) {
                return handles.reload(raced.get().childId());
            }
            if (raced.isPresent()) {
                throw new NfsException(Nfs3Status.NOENT, "removed meanwhile");
            }
            ObjectRecord r = new ObjectRecord(parentId, name.bytes(), attrs.type().value(), 0, 0, -1,
                    mainHandle.bytes(), new byte[0]);
            long id = objects.insert(r);
            names.put(parentId, name, NameEntry.child(id));
            main.learn(id, attrs);
            return new Resolved(id, r);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The merged listing of {@code dir} (without "." and ".."), every entry with its virtual object
     * (records as of when the listing was built: re-read them for current attributes). The same
     * list object is handed out until a name in the directory changes.
     */
    public List<Child> list(Resolved dir) {
        requireDir(dir);
        List<MainEntry> mainEntries = dir.record().onMain() ? main.listing(dir) : List.of();
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
        Map<Filename, MainEntry> byName = new HashMap<>();
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
                        : main.entry(dir, n.name());
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

    /** Whether the merged directory has no entries (for RMDIR and RENAME over a directory). */
    public boolean isEmpty(Resolved dir) {
        return list(dir).isEmpty();
    }

    // ---- the table side of name changes: the caller holds the namespace lock ----

    /** Records a new object and binds {@code name} in {@code parentId} to it. */
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
     * {@code toDirId}/{@code toName} (binding, unbinding, the record's parent and name), as RENAME
     * ends; repeating it changes nothing.
     */
    public void moveBinding(long id, Resolved from, Filename fromName, long toDirId, Filename toName) {
        bind(toDirId, toName, id);
        if (isBoundTo(from.id(), fromName, id)) {
            unbind(from, fromName);
        }
        objects.update(id, r -> r.parentId() == from.id() && Arrays.equals(r.name(), fromName.bytes())
                ? r.withParent(toDirId, toName.bytes()) : r);
    }

    /**
     * Takes {@code name} out of the merged directory: where main has an entry of that name it is
     * whited out (so it stays hidden), otherwise the binding simply goes (no whiteout piles up for
     * names that only ever lived in the shadow).
     */
    public void unbind(Resolved dir, Filename name) {
        unbind(dir, name, main.has(dir, name));
    }

    /** As {@link #unbind(Resolved, Filename)}, told whether main has {@code name} ({@link MainMetadata#has}). */
    public void unbind(Resolved dir, Filename name, boolean onMain) {
        if (onMain) {
            names.put(dir.id(), name, NameEntry.WHITEOUT);
        } else {
            names.remove(dir.id(), name);
        }
        changed(dir.id());
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

    public static void requireDir(Resolved r) {
        if (!r.isDir()) {
            throw new NfsException(Nfs3Status.NOTDIR, "object " + r.id() + " is not a directory");
        }
    }

    /** A named entry of a merged directory. */
    public record Child(Filename name, Resolved object) {
    }
}
