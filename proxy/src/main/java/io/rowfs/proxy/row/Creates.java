package io.rowfs.proxy.row;

import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.FileType;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.NewObjectResult;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.protocol.nfs3.NfsPath;
import io.rowfs.protocol.nfs3.Sattr3;
import io.rowfs.protocol.nfs3.SetTime;
import io.rowfs.protocol.nfs3.SpecData3;
import io.rowfs.protocol.nfs3.Verifier;
import io.rowfs.proxy.core.MergedNames;
import io.rowfs.proxy.core.Resolved;
import io.rowfs.proxy.meta.ObjectRecord;
import io.rowfs.proxy.store.Shadow;
import io.rowfs.proxy.threading.NonBlocking;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * New objects: made in the shadow copy of the directory (copied up with its missing ancestors
 * first) and bound in the name index, so a name whited out on main comes back as a new object
 * with a new fileid. A regular file may be created behind the reply ({@link NamesBehind}).
 * Each change holds the namespace lock.
 */
final class Creates {
    private final MergedNames names;
    private final Shadow shadow;
    private final ShadowCopies copies;
    private final CopyUp copyUp;
    private final FileData data;
    private final NamesBehind behind;
    private final ReentrantLock namespace;

    Creates(MergedNames names, Shadow shadow, ShadowCopies copies, CopyUp copyUp, FileData data, NamesBehind behind,
            ReentrantLock namespace) {
        this.names = names;
        this.shadow = shadow;
        this.copies = copies;
        this.copyUp = copyUp;
        this.data = data;
        this.behind = behind;
        this.namespace = namespace;
    }

    /**
     * CREATE of a regular file, GUARDED or (when {@code unchecked}) UNCHECKED: an existing file of
     * that name is then opened, and truncated if {@code attrs} has a size. May run on the event
     * loop's fast path: everything that could wait comes before the first change of state.
     */
    Resolved file(Resolved dir, Filename name, Sattr3 attrs, boolean unchecked, Checks checks) {
        try (NamesBehind.Slot slot = behind.reserve()) {
            NonBlocking.lock(namespace);
            try {
                Optional<Resolved> existing = names.lookup(dir, name);
                if (existing.isPresent() && unchecked && existing.get().type() == FileType.REG) {
                    if (attrs.size() != null) {
                        NonBlocking.check(); // a truncate changes state before its shadow call
                        checks.write(existing.get());
                        data.truncate(existing.get(), attrs.size());
                    }
                    return existing.get();
                }
                if (slot.usable() && NamesBehind.canCreate(attrs) && behind.roomForCreate()) {
                    FileHandle dirFh = prepare(dir, name, existing, checks);
                    return behind.create(slot, dir, dirFh, name, attrs);
                }
                NonBlocking.check();
                return make(dir, name, existing, FileType.REG, fh -> shadow.create(fh, name, attrs).object(), checks);
            } finally {
                namespace.unlock();
            }
        }
    }

    /**
     * EXCLUSIVE CREATE, passed to the shadow, which keeps the verifier: a retransmission (the name
     * exists, in the shadow, and the shadow accepts the same verifier for it) answers the same object
     * instead of EXIST. The new file gets {@code uid}/{@code gid} as owner.
     */
    Resolved exclusive(Resolved dir, Filename name, Verifier verifier, int uid, int gid, Checks checks) {
        NonBlocking.check(); // the shadow keeps the verifier: always a shadow call
        namespace.lock();
        try {
            Optional<Resolved> existing = names.lookup(dir, name);
            if (existing.isPresent()) {
                Resolved e = existing.get();
                if (e.type() == FileType.REG && e.record().inShadow()) {
                    NewObjectResult again = shadow.createExclusive(copyUp.ensureShadowDir(dir), name, verifier);
                    if (again.status().isOk() && copies.handle(e).equals(again.object())) {
                        return e;
                    }
                }
                throw new NfsException(Nfs3Status.EXIST, "'" + name + "' exists");
            }
            return make(dir, name, existing, FileType.REG, fh -> {
                NewObjectResult r = shadow.createExclusive(fh, name, verifier);
                if (!r.status().isOk()) {
                    throw new NfsException(r.status(), "shadow CREATE EXCLUSIVE: " + r.status());
                }
                FileHandle file = r.object() != null ? r.object() : shadow.lookup(fh, name).object();
                shadow.setattr(file, new Sattr3(null, uid, gid, null, SetTime.DONT_CHANGE, SetTime.DONT_CHANGE));
                return file;
            }, checks);
        } finally {
            namespace.unlock();
        }
    }

    Resolved dir(Resolved dir, Filename name, Sattr3 attrs, Checks checks) {
        namespace.lock();
        try {
            return make(dir, name, names.lookup(dir, name), FileType.DIR,
                    fh -> shadow.mkdir(fh, name, attrs).object(), checks);
        } finally {
            namespace.unlock();
        }
    }

    Resolved symlink(Resolved dir, Filename name, Sattr3 attrs, NfsPath target, Checks checks) {
        namespace.lock();
        try {
            return make(dir, name, names.lookup(dir, name), FileType.LNK,
                    fh -> shadow.symlink(fh, name, attrs, target).object(), checks);
        } finally {
            namespace.unlock();
        }
    }

    Resolved node(Resolved dir, Filename name, FileType type, Sattr3 attrs, SpecData3 spec, Checks checks) {
        namespace.lock();
        try {
            return make(dir, name, names.lookup(dir, name), type,
                    fh -> shadow.mknod(fh, name, type, attrs, spec).object(), checks);
        } finally {
            namespace.unlock();
        }
    }

    /** Makes the object in the shadow and binds it. Caller holds the namespace lock. */
    private Resolved make(Resolved dir, Filename name, Optional<Resolved> existing, FileType type,
                          Function<FileHandle, FileHandle> create, Checks checks) {
        FileHandle dirFh = prepare(dir, name, existing, checks);
        FileHandle fh = copyUp.createInShadow(dirFh, name, () -> create.apply(dirFh), false);
        boolean file = type == FileType.REG;
        ObjectRecord record = new ObjectRecord(dir.id(), name.bytes(), type.value(),
                file ? ObjectRecord.FLAG_SIZE_OWNED : 0, 0, file ? shadow.getattr(fh).size() : -1,
                new byte[0], fh.bytes());
        return names.bindNew(dir.id(), name, record);
    }

    /**
     * Checks that {@code name} may be created in {@code dir} (a valid new name, not taken, the
     * caller may change the directory) and returns the directory's shadow handle (made if need be).
     */
    private FileHandle prepare(Resolved dir, Filename name, Optional<Resolved> existing, Checks checks) {
        checks.newName(name);
        if (existing.isPresent()) {
            throw new NfsException(Nfs3Status.EXIST, "'" + name + "' exists");
        }
        checks.dirChange(dir);
        return copyUp.ensureShadowDir(dir);
    }
}
