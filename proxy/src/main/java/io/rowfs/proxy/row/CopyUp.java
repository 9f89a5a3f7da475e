package io.rowfs.proxy.row;

import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.FileType;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.LookupResult;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.protocol.nfs3.NfsTime3;
import io.rowfs.protocol.nfs3.Sattr3;
import io.rowfs.protocol.nfs3.SetTime;
import io.rowfs.protocol.nfs3.TimeHow;
import io.rowfs.proxy.core.Handles;
import io.rowfs.proxy.core.MainMetadata;
import io.rowfs.proxy.core.MergedNames;
import io.rowfs.proxy.core.Resolved;
import io.rowfs.proxy.meta.ObjectTable;
import io.rowfs.proxy.store.Shadow;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Copy-up: gives an object a shadow copy at its merged path ({@code shadow(parent)/name}), making
 * its missing shadow ancestors first (directories are copied up lazily, empty). A regular file's
 * copy is sparse and of main's size: its data stays on main until blocks are written (the block
 * bitmap says which). Owner, mode and times are main's.
 *
 * <p>Locks: a directory copy-up holds the namespace lock; a file's holds its object lock, then the
 * namespace lock. Blocking: worker threads only.
 */
public final class CopyUp {
    private final Handles handles;
    private final MainMetadata main;
    private final ShadowCopies copies;
    private final Shadow shadow;
    private final ObjectTable objects;
    private final ReentrantLock namespace;
    private final StripedLocks objectLocks = new StripedLocks(256);

    CopyUp(Handles handles, MainMetadata main, ShadowCopies copies, Shadow shadow, ObjectTable objects,
           ReentrantLock namespace) {
        this.handles = handles;
        this.main = main;
        this.copies = copies;
        this.shadow = shadow;
        this.objects = objects;
        this.namespace = namespace;
    }

    /** The lock of one object: held for its copy-up, writes and truncates (before the namespace lock). */
    ReentrantLock lockOf(long id) {
        return objectLocks.of(id);
    }

    /** The shadow handle of the directory, creating it (and its missing ancestors) in the shadow. */
    public FileHandle ensureShadowDir(Resolved dir) {
        MergedNames.requireDir(dir);
        namespace.lock();
        try {
            Resolved r = handles.reload(dir.id());
            if (r.record().inShadow()) {
                return copies.handle(r);
            }
            FileHandle parent = ensureShadowDir(handles.reload(r.record().parentId()));
            Fattr3 a = main.attributes(r);
            Filename name = Filename.of(r.record().name());
            FileHandle fh = createInShadow(parent, name, () -> shadow.mkdir(parent, name, ownerAndMode(a)).object(), true);
            shadow.setattr(fh, times(a));
            objects.update(r.id(), cur -> cur.withShadowHandle(fh.bytes()));
            return fh;
        } finally {
            namespace.unlock();
        }
    }

    /** Copies an object up: afterwards it has a shadow copy. Returns its record as it is then. */
    public Resolved copyUp(Resolved obj) {
        if (obj.record().inShadow()) {
            return obj;
        }
        if (obj.isDir()) {
            ensureShadowDir(obj);
            return handles.reload(obj.id());
        }
        ReentrantLock objectLock = lockOf(obj.id());
        objectLock.lock();
        try {
            namespace.lock();
            try {
                Resolved r = handles.reload(obj.id());
                if (r.record().inShadow()) {
                    return r;
                }
                FileHandle parent = ensureShadowDir(handles.reload(r.record().parentId()));
                Fattr3 a = main.attributes(r);
                Filename name = Filename.of(r.record().name());
                Sattr3 attrs = ownerAndMode(a);
                FileHandle fh = switch (r.type()) {
                    case REG -> createInShadow(parent, name, () -> shadow.create(parent, name, attrs).object(), false);
                    case LNK -> {
                        var target = copies.linkTarget(r);
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
                return handles.reload(r.id());
            } finally {
                namespace.unlock();
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
    FileHandle createInShadow(FileHandle dir, Filename name, Supplier<FileHandle> create, boolean adoptDir) {
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
    void touch(Resolved dir) {
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
}
