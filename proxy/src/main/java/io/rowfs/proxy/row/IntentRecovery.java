package io.rowfs.proxy.row;

import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.FileType;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.LookupResult;
import io.rowfs.proxy.core.Handles;
import io.rowfs.proxy.core.MergedNames;
import io.rowfs.proxy.meta.Intent;
import io.rowfs.proxy.meta.IntentLog;
import io.rowfs.proxy.meta.NameEntry;
import io.rowfs.proxy.meta.ObjectRecord;
import io.rowfs.proxy.meta.ObjectTable;
import io.rowfs.proxy.store.Shadow;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes, at start, the namespace changes a crash interrupted ({@link IntentLog}). Each change
 * makes its shadow step first, then updates the proxy's tables; so the shadow says how far it got:
 * if the shadow step is not visible the change never happened (nothing of it reached the tables)
 * and the intent is dropped; if it is, the table updates are redone (each is idempotent). A change
 * with no shadow step (a main-only object) is rolled forward.
 */
public final class IntentRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(IntentRecovery.class);

    private final MergedNames names;
    private final ObjectTable objects;
    private final Shadow shadow;
    private final CopyUp copyUp;
    private final Handles handles;
    private final ReentrantLock namespace;
    private final FileData data;

    IntentRecovery(MergedNames names, ObjectTable objects, Shadow shadow, CopyUp copyUp, Handles handles,
                   ReentrantLock namespace, FileData data) {
        this.names = names;
        this.objects = objects;
        this.shadow = shadow;
        this.copyUp = copyUp;
        this.handles = handles;
        this.namespace = namespace;
        this.data = data;
    }

    /** Reconciles every pending intent; returns how many there were. */
    public int recover(IntentLog log) {
        Map<Long, Intent> pending = log.pending();
        Map<DirName, Long> lastCreate = new java.util.HashMap<>();
        pending.forEach((seq, i) -> {
            if (i.kind() == Intent.Kind.CREATE_BEHIND) {
                lastCreate.put(nameKey(i), seq);
            }
        });
        for (Map.Entry<Long, Intent> e : pending.entrySet()) {
            Intent intent = e.getValue();
            boolean finished;
            try {
                finished = switch (intent.kind()) {
                    case REMOVE -> recoverRemove(intent);
                    case RENAME -> recoverRename(intent);
                    case LINK -> recoverLink(intent);
                    // only the name's last create counts: the tables bind the name to that one's file
                    case CREATE_BEHIND -> lastCreate.get(nameKey(intent)).equals(e.getKey()) && recoverCreateBehind(intent);
                    case REMOVE_BEHIND -> recoverRemoveBehind(intent);
                };
            } catch (IllegalArgumentException damaged) { // a field that does not decode; back-end failures stop the start
                log.setAside(e.getKey(), intent + ": " + damaged.getMessage());
                continue;
            }
            LOG.warn("recovery: {} was interrupted by a crash; {}", intent,
                    finished ? "finished it" : "it had not happened, dropped it");
            log.done(e.getKey());
        }
        return pending.size();
    }

    private boolean recoverRemove(Intent i) {
        Optional<ObjectRecord> child = objects.get(i.objectId());
        Optional<ObjectRecord> dir = objects.get(i.fromDir());
        if (child.isEmpty() || dir.isEmpty()) {
            return false;
        }
        Filename name = Filename.of(i.fromName());
        if (child.get().inShadow() && shadowHas(dir.get(), name, child.get())) {
            return false;
        }
        namespace.lock();
        try {
            if (names.isBoundTo(i.fromDir(), name, i.objectId())) {
                names.unbind(handles.reload(i.fromDir()), name);
            }
            boolean keep = child.get().inShadow() && shadow.isLinked(FileHandle.of(child.get().shadowHandle()));
            if (!keep) {
                objects.remove(i.objectId());
                data.forget(i.objectId());
            }
        } finally {
            namespace.unlock();
        }
        return true;
    }

    private boolean recoverRename(Intent i) {
        Optional<ObjectRecord> src = objects.get(i.objectId());
        Optional<ObjectRecord> to = objects.get(i.toDir());
        if (src.isEmpty() || to.isEmpty()) {
            return false;
        }
        Filename fromName = Filename.of(i.fromName());
        Filename toName = Filename.of(i.toName());
        if (src.get().inShadow() && !shadowHas(to.get(), toName, src.get())) {
            return false;
        }
        namespace.lock();
        try {
            Optional<NameEntry> replaced = names.bound(i.toDir(), toName);
            if (replaced.isPresent() && !replaced.get().isWhiteout() && replaced.get().childId() != i.objectId()) {
                objects.remove(replaced.get().childId());
                data.forget(replaced.get().childId());
            }
            names.moveBinding(i.objectId(), handles.reload(i.fromDir()), fromName, i.toDir(), toName);
        } finally {
            namespace.unlock();
        }
        return true;
    }

    private boolean recoverLink(Intent i) {
        Optional<ObjectRecord> file = objects.get(i.objectId());
        Optional<ObjectRecord> dir = objects.get(i.toDir());
        Filename name = Filename.of(i.toName());
        if (file.isEmpty() || dir.isEmpty() || !file.get().inShadow() || !shadowHas(dir.get(), name, file.get())) {
            return false;
        }
        namespace.lock();
        try {
            names.bind(i.toDir(), name, i.objectId());
        } finally {
            namespace.unlock();
        }
        return true;
    }

    private static DirName nameKey(Intent i) {
        return new DirName(i.fromDir(), Filename.of(i.fromName()));
    }

    /** A name in a directory, as intents touch it. */
    private record DirName(long dirId, Filename name) {
    }

    /**
     * A file created behind the reply: if the tables still bind the name to a file whose shadow
     * CREATE was not recorded, the shadow's file of that name is adopted (the CREATE was made) or
     * created now. No data can have reached a file before its CREATE was recorded.
     */
    private boolean recoverCreateBehind(Intent i) {
        Filename name = Filename.of(i.fromName());
        Optional<NameEntry> bound = names.bound(i.fromDir(), name);
        Optional<ObjectRecord> dir = objects.get(i.fromDir());
        if (bound.isEmpty() || bound.get().isWhiteout() || dir.isEmpty() || !dir.get().inShadow()) {
            return false; // removed since (its REMOVE_BEHIND intent, if any, clears the shadow)
        }
        long id = bound.get().childId();
        Optional<ObjectRecord> file = objects.get(id);
        if (file.isEmpty() || !file.get().has(ObjectRecord.FLAG_SHADOW_PENDING)) {
            return false;
        }
        FileHandle dirFh = FileHandle.of(dir.get().shadowHandle());
        LookupResult found = shadow.lookup(dirFh, name);
        boolean made = found.status().isOk() && found.object() != null && found.objAttributes().isPresent()
                && found.objAttributes().attributes().type() == FileType.REG;
        FileHandle fh = made ? found.object() : NamesBehind.make(copyUp, shadow, dirFh, name, NamesBehind.NewFile.decode(i.detail()));
        objects.update(id, r -> r.withShadowHandle(fh.bytes()));
        return true;
    }

    /**
     * A file removed behind the reply: the tables no longer have it, so a shadow entry of that name
     * goes, unless it is the file the tables bind the name to now (re-created, and made, since).
     */
    private boolean recoverRemoveBehind(Intent i) {
        Filename name = Filename.of(i.fromName());
        Optional<ObjectRecord> dir = objects.get(i.fromDir());
        if (dir.isEmpty() || !dir.get().inShadow()) {
            return false;
        }
        FileHandle dirFh = FileHandle.of(dir.get().shadowHandle());
        LookupResult found = shadow.lookup(dirFh, name);
        if (!found.status().isOk() || found.object() == null || (found.objAttributes().isPresent()
                && found.objAttributes().attributes().type() == FileType.DIR)) {
            return false;
        }
        Optional<NameEntry> bound = names.bound(i.fromDir(), name);
        if (bound.isPresent() && !bound.get().isWhiteout()) {
            Optional<ObjectRecord> now = objects.get(bound.get().childId());
            if (now.isPresent() && java.util.Arrays.equals(now.get().shadowHandle(), found.object().bytes())) {
                return false;
            }
        }
        shadow.remove(dirFh, name);
        return true;
    }

    /** Whether the shadow copy of {@code dir} has {@code name}, naming {@code object}'s shadow copy. */
    private boolean shadowHas(ObjectRecord dir, Filename name, ObjectRecord object) {
        if (!dir.inShadow()) {
            return false;
        }
        LookupResult r = shadow.lookup(FileHandle.of(dir.shadowHandle()), name);
        return r.status().isOk() && r.object() != null
                && java.util.Arrays.equals(r.object().bytes(), object.shadowHandle());
    }
}
