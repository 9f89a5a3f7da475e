package io.rowfs.proxy.row;

import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.proxy.core.Handles;
import io.rowfs.proxy.core.MergedNames;
import io.rowfs.proxy.core.Resolved;
import io.rowfs.proxy.meta.Intent;
import io.rowfs.proxy.meta.IntentLog;
import io.rowfs.proxy.meta.ObjectTable;
import io.rowfs.proxy.store.Shadow;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * RENAME and LINK. A renamed object keeps its virtual id (handles survive rename). An object with a
 * shadow copy is renamed in the shadow first; one that lives only on main (a file, or a whole main
 * directory tree) is renamed by records alone: the target name is bound to the object (a redirect)
 * and the source name becomes a whiteout, so no data or tree is copied. LINK copies the file up and
 * links it in the shadow. Each change holds the namespace lock (LINK's copy-up takes the object
 * lock before it) and is logged as an intent ({@link IntentRecovery}).
 */
final class Renames {
    private final Handles handles;
    private final MergedNames names;
    private final ObjectTable objects;
    private final IntentLog intents;
    private final Shadow shadow;
    private final ShadowCopies copies;
    private final CopyUp copyUp;
    private final FileData data;
    private final Removes removes;
    private final ReentrantLock namespace;
    private final CrashPoint crash;

    Renames(Handles handles, MergedNames names, ObjectTable objects, IntentLog intents, Shadow shadow,
            ShadowCopies copies, CopyUp copyUp, FileData data, Removes removes, ReentrantLock namespace,
            CrashPoint crash) {
        this.handles = handles;
        this.names = names;
        this.objects = objects;
        this.intents = intents;
        this.shadow = shadow;
        this.copies = copies;
        this.copyUp = copyUp;
        this.data = data;
        this.removes = removes;
        this.namespace = namespace;
        this.crash = crash;
    }

    void rename(Resolved from, Filename fromName, Resolved to, Filename toName, Checks checks) {
        namespace.lock();
        try {
            MergedNames.requireDir(from);
            MergedNames.requireDir(to);
            checks.renamed(fromName, toName);
            checks.dirChange(from);
            checks.dirChange(to);
            Resolved src = names.lookup(from, fromName)
                    .orElseThrow(() -> new NfsException(Nfs3Status.NOENT, "no " + fromName));
            Optional<Resolved> dst = names.lookup(to, toName);
            if (dst.isPresent() && dst.get().id() == src.id()) {
                return;
            }
            if (src.isDir() && isSelfOrAncestor(src.id(), to)) {
                throw new NfsException(Nfs3Status.INVAL, "cannot move a directory into itself");
            }
            if (dst.isPresent()) {
                checkReplace(src, dst.get());
            }
            Logged.run(intents, Intent.rename(src.id(), from.id(), fromName.bytes(), to.id(), toName.bytes()),
                    () -> move(from, fromName, to, toName, src, dst));
        } finally {
            namespace.unlock();
        }
    }

    /** The steps of a RENAME, the shadow's first (see {@link IntentRecovery}). Caller holds the lock. */
    private void move(Resolved from, Filename fromName, Resolved to, Filename toName, Resolved src, Optional<Resolved> dst) {
        if (src.record().inShadow()) {
            FileHandle fromFh = copyUp.ensureShadowDir(from);
            FileHandle toFh = copyUp.ensureShadowDir(to);
            if (dst.isPresent() && !dst.get().record().inShadow()) {
                copyUp.touch(to);
            }
            if (dst.isPresent()) {
                data.drain(dst.get().id());
            }
            shadow.rename(fromFh, fromName, toFh, toName);
            crash.reach("rename-after-shadow");
            shadow.forget(copies.handle(src)); // its ctime moved; the reply does not say to what
            if (dst.isPresent() && dst.get().record().inShadow()) {
                shadow.forget(copies.handle(dst.get()));
            }
            if (dst.isPresent()) {
                objects.remove(dst.get().id());
                data.forget(dst.get().id());
            }
        } else {
            if (dst.isPresent()) {
                removes.unlink(to, toName, dst.get());
            }
            copyUp.touch(from);
            copyUp.touch(to);
        }
        names.moveBinding(src.id(), from, fromName, to.id(), toName);
    }

    /** LINK of a non-directory (the caller refused directories and bad names). */
    void link(Resolved file, Resolved dir, Filename name, Checks checks) {
        Resolved copied = copyUp.copyUp(file); // object lock before namespace lock
        namespace.lock();
        try {
            MergedNames.requireDir(dir);
            checks.dirChange(dir);
            if (names.lookup(dir, name).isPresent()) {
                throw new NfsException(Nfs3Status.EXIST, "'" + name + "' exists");
            }
            FileHandle dirFh = copyUp.ensureShadowDir(dir);
            Logged.run(intents, Intent.link(copied.id(), dir.id(), name.bytes()), () -> {
                shadow.link(copies.handle(copied), dirFh, name);
                crash.reach("link-after-shadow");
                names.bind(dir.id(), name, copied.id());
            });
        } finally {
            namespace.unlock();
        }
    }

    private void checkReplace(Resolved src, Resolved dst) {
        if (src.isDir() && !dst.isDir()) {
            throw new NfsException(Nfs3Status.NOTDIR, "cannot replace a non-directory with a directory");
        }
        if (!src.isDir() && dst.isDir()) {
            throw new NfsException(Nfs3Status.ISDIR, "cannot replace a directory with a non-directory");
        }
        if (dst.isDir() && !names.isEmpty(dst)) {
            throw new NfsException(Nfs3Status.NOTEMPTY, "target directory not empty");
        }
    }

    private boolean isSelfOrAncestor(long id, Resolved dir) {
        long cur = dir.id();
        for (int depth = 0; depth < 4096; depth++) {
            if (cur == id) {
                return true;
            }
            long parent = handles.reload(cur).record().parentId();
            if (parent == cur) {
                return false;
            }
            cur = parent;
        }
        return false;
    }
}
