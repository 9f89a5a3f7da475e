package io.rowfs.proxy.row;

import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.FileType;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.proxy.core.MergedNames;
import io.rowfs.proxy.core.Resolved;
import io.rowfs.proxy.meta.Intent;
import io.rowfs.proxy.meta.IntentLog;
import io.rowfs.proxy.meta.ObjectTable;
import io.rowfs.proxy.store.Shadow;
import io.rowfs.proxy.threading.NonBlocking;
import java.util.concurrent.locks.ReentrantLock;

/**
 * REMOVE and RMDIR: a shadow copy is removed from the shadow (first), then the name leaves the
 * tables: it becomes a whiteout where main has it, so main's entry stays hidden. The object's record
 * and bitmap go too (its handles turn stale), unless the shadow still has other hard links to it.
 * A file's last link may be removed behind the reply ({@link NamesBehind}). Each change holds the
 * namespace lock and is logged as an intent ({@link IntentRecovery}).
 */
final class Removes {
    private final MergedNames names;
    private final ObjectTable objects;
    private final IntentLog intents;
    private final Shadow shadow;
    private final ShadowCopies copies;
    private final CopyUp copyUp;
    private final FileData data;
    private final NamesBehind behind;
    private final ReentrantLock namespace;
    private final CrashPoint crash;

    Removes(MergedNames names, ObjectTable objects, IntentLog intents, Shadow shadow, ShadowCopies copies,
            CopyUp copyUp, FileData data, NamesBehind behind, ReentrantLock namespace, CrashPoint crash) {
        this.names = names;
        this.objects = objects;
        this.intents = intents;
        this.shadow = shadow;
        this.copies = copies;
        this.copyUp = copyUp;
        this.data = data;
        this.behind = behind;
        this.namespace = namespace;
        this.crash = crash;
    }

    /** REMOVE of a non-directory. May run on the event loop's fast path when made behind the reply. */
    void file(Resolved dir, Filename name, Checks checks) {
        try (NamesBehind.Slot slot = behind.reserve()) {
            NonBlocking.lock(namespace);
            try {
                Resolved child = find(dir, name, checks);
                if (child.isDir()) {
                    throw new NfsException(Nfs3Status.ISDIR, "REMOVE of a directory");
                }
                if (slot.usable() && behind.canRemove(child)) {
                    data.drain(child.id()); // its queued writes go first
                    behind.remove(slot, dir, copyUp.ensureShadowDir(dir), name, child, data);
                } else {
                    NonBlocking.check(); // its shadow step comes first
                    unlink(dir, name, child);
                }
            } finally {
                namespace.unlock();
            }
        }
    }

    /** RMDIR of an empty merged directory ("." and ".." are the caller's to refuse). */
    void dir(Resolved dir, Filename name, Checks checks) {
        namespace.lock();
        try {
            Resolved child = find(dir, name, checks);
            if (!child.isDir()) {
                throw new NfsException(Nfs3Status.NOTDIR, "RMDIR of a " + child.type());
            }
            if (!names.isEmpty(child)) {
                throw new NfsException(Nfs3Status.NOTEMPTY, "directory not empty");
            }
            unlink(dir, name, child);
        } finally {
            namespace.unlock();
        }
    }

    private Resolved find(Resolved dir, Filename name, Checks checks) {
        checks.dirChange(dir);
        return names.lookup(dir, name).orElseThrow(() -> new NfsException(Nfs3Status.NOENT, "no " + name));
    }

    /** Unbinds {@code name} (caller holds the namespace lock); shared with RENAME over an existing target. */
    void unlink(Resolved dir, Filename name, Resolved child) {
        Logged.run(intents, Intent.remove(child.id(), dir.id(), name.bytes()), () -> unlinkSteps(dir, name, child));
    }

    private void unlinkSteps(Resolved dir, Filename name, Resolved child) {
        data.drain(child.id()); // its queued writes go first: failing on a removed file would look like lost data
        boolean keep = false;
        if (child.record().inShadow()) {
            FileHandle dirFh = copyUp.ensureShadowDir(dir);
            if (child.isDir()) {
                shadow.rmdir(dirFh, name);
                crash.reach("rmdir-after-shadow");
            } else {
                FileHandle fh = copies.handle(child);
                boolean linkedElsewhere = child.type() == FileType.REG && shadow.getattr(fh).nlink() > 1;
                shadow.remove(dirFh, name);
                crash.reach("remove-after-shadow");
                shadow.forget(fh);
                keep = linkedElsewhere && shadow.isLinked(fh);
            }
        } else {
            copyUp.touch(dir);
        }
        names.unbind(dir, name);
        if (!keep) {
            objects.remove(child.id());
            data.forget(child.id());
        }
    }
}
