package io.rowfs.proxy.ops;

import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.FileType;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsContext;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.protocol.nfs3.RemoveArgs;
import io.rowfs.protocol.nfs3.RemoveResult;
import io.rowfs.protocol.nfs3.RmdirArgs;
import io.rowfs.protocol.nfs3.RmdirResult;
import io.rowfs.protocol.nfs3.WccAttr;
import io.rowfs.proxy.core.CrashPoint;
import io.rowfs.proxy.threading.NonBlocking;
import io.rowfs.proxy.core.NamesBehind;
import io.rowfs.proxy.core.Resolved;
import io.rowfs.proxy.meta.Intent;

/**
 * REMOVE and RMDIR: a shadow copy is removed from the shadow; the name becomes a whiteout either
 * way, so main's entry of that name stays hidden. The object's record and bitmap go too (its
 * handles turn stale), unless the shadow still has other hard links to it.
 */
public final class RemoveOps {
    private final ProxyFs fs;

    public RemoveOps(ProxyFs fs) {
        this.fs = fs;
    }

    public RemoveResult remove(NfsContext ctx, RemoveArgs args) {
        Resolved dir = fs.ns().resolve(args.dir());
        WccAttr pre = fs.attrs().pre(dir);
        try (NamesBehind.Slot slot = fs.behind().reserve()) {
            NonBlocking.lock(fs.ns().lock());
            try {
                Resolved child = find(ctx, dir, args.name(), pre);
                if (child.isDir()) {
                    throw new NfsException(Nfs3Status.ISDIR, "REMOVE of a directory").withWcc(fs.attrs().wcc(pre, dir.id()));
                }
                if (slot.usable() && fs.behind().canRemove(child)) {
                    fs.data().drain(child.id()); // its queued writes go first
                    fs.behind().remove(slot, dir, fs.ns().ensureShadowDir(dir), args.name(), child, fs.data());
                } else {
                    NonBlocking.check(); // its shadow step comes first
                    unlink(dir, args.name(), child);
                }
            } finally {
                fs.ns().lock().unlock();
            }
        }
        return RemoveResult.ok(fs.attrs().wcc(pre, dir.id()));
    }

    public RmdirResult rmdir(NfsContext ctx, RmdirArgs args) {
        Resolved dir = fs.ns().resolve(args.dir());
        WccAttr pre = fs.attrs().pre(dir);
        fs.ns().lock().lock();
        try {
            byte[] n = args.name().bytes();
            if (n.length == 1 && n[0] == '.') {
                throw new NfsException(Nfs3Status.INVAL, "RMDIR of '.'").withWcc(fs.attrs().wcc(pre, dir.id()));
            }
            if (n.length == 2 && n[0] == '.' && n[1] == '.') {
                throw new NfsException(Nfs3Status.EXIST, "RMDIR of '..'").withWcc(fs.attrs().wcc(pre, dir.id()));
            }
            Resolved child = find(ctx, dir, args.name(), pre);
            if (!child.isDir()) {
                throw new NfsException(Nfs3Status.NOTDIR, "RMDIR of a " + child.type()).withWcc(fs.attrs().wcc(pre, dir.id()));
            }
            if (!fs.ns().isEmpty(child)) {
                throw new NfsException(Nfs3Status.NOTEMPTY, "directory not empty").withWcc(fs.attrs().wcc(pre, dir.id()));
            }
            unlink(dir, args.name(), child);
        } finally {
            fs.ns().lock().unlock();
        }
        return RmdirResult.ok(fs.attrs().wcc(pre, dir.id()));
    }

    private Resolved find(NfsContext ctx, Resolved dir, Filename name, WccAttr pre) {
        try {
            Permissions.requireDirChange(ctx, fs.attrs().of(dir));
        } catch (NfsException e) {
            throw e.withWcc(fs.attrs().wcc(pre, dir.id()));
        }
        return fs.ns().lookup(dir, name).orElseThrow(() ->
                new NfsException(Nfs3Status.NOENT, "no " + name).withWcc(fs.attrs().wcc(pre, dir.id())));
    }

    /** Unbinds {@code name} (caller holds the namespace lock); shared with RENAME over an existing target. */
    static void unlink(ProxyFs fs, Resolved dir, Filename name, Resolved child) {
        long intent = fs.ns().intents().begin(Intent.remove(child.id(), dir.id(), name.bytes()));
        try {
            unlinkSteps(fs, dir, name, child);
        } finally {
            fs.ns().intents().done(intent);
        }
    }

    private static void unlinkSteps(ProxyFs fs, Resolved dir, Filename name, Resolved child) {
        fs.data().drain(child.id()); // its queued writes go first: failing on a removed file would look like lost data
        boolean keep = false;
        if (child.record().inShadow()) {
            FileHandle dirFh = fs.ns().ensureShadowDir(dir);
            if (child.isDir()) {
                fs.ns().shadow().rmdir(dirFh, name);
            } else {
                FileHandle fh = fs.ns().shadowHandle(child);
                boolean linkedElsewhere = child.type() == FileType.REG && fs.ns().shadow().getattr(fh).nlink() > 1;
                fs.ns().shadow().remove(dirFh, name);
                CrashPoint.reach("remove-after-shadow");
                fs.ns().shadow().forget(fh);
                keep = linkedElsewhere && fs.ns().shadow().isLinked(fh);
            }
        } else {
            fs.ns().touch(dir);
        }
        fs.ns().unbind(dir, name);
        if (!keep) {
            fs.ns().objects().remove(child.id());
            fs.data().forget(child.id());
        }
    }

    private void unlink(Resolved dir, Filename name, Resolved child) {
        unlink(fs, dir, name, child);
    }
}
