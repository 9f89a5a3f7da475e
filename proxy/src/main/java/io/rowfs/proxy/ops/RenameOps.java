package io.rowfs.proxy.ops;

import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.LinkArgs;
import io.rowfs.protocol.nfs3.LinkResult;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsContext;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.protocol.nfs3.RenameArgs;
import io.rowfs.protocol.nfs3.RenameResult;
import io.rowfs.protocol.nfs3.WccAttr;
import io.rowfs.proxy.core.CrashPoint;
import io.rowfs.proxy.core.Namespace;
import io.rowfs.proxy.meta.Intent;
import io.rowfs.proxy.core.Resolved;
import java.util.Optional;

/**
 * RENAME and LINK. A renamed object keeps its virtual id (handles survive rename). An object with a
 * shadow copy is renamed in the shadow too; one that lives only on main (a file, or a whole main
 * directory tree) is renamed by records alone: the target name is bound to the object (a redirect)
 * and the source name becomes a whiteout, so no data or tree is copied. LINK copies the file up and
 * links it in the shadow.
 */
public final class RenameOps {
    private final ProxyFs fs;

    public RenameOps(ProxyFs fs) {
        this.fs = fs;
    }

    public RenameResult rename(NfsContext ctx, RenameArgs args) {
        Resolved from = fs.ns().resolve(args.fromDir());
        Resolved to = fs.ns().resolve(args.toDir());
        WccAttr preFrom = fs.attrs().pre(from);
        WccAttr preTo = fs.attrs().pre(to);
        Namespace ns = fs.ns();
        ns.lock().lock();
        try {
            Namespace.requireDir(from);
            Namespace.requireDir(to);
            if (args.fromName().isDotOrDotDot() || args.toName().isDotOrDotDot()) {
                throw new NfsException(Nfs3Status.INVAL, "RENAME of '.' or '..'");
            }
            Names.checkNew(args.toName());
            Permissions.requireDirChange(ctx, fs.attrs().of(from));
            Permissions.requireDirChange(ctx, fs.attrs().of(to));
            Resolved src = ns.lookup(from, args.fromName())
                    .orElseThrow(() -> new NfsException(Nfs3Status.NOENT, "no " + args.fromName()));
            Optional<Resolved> dst = ns.lookup(to, args.toName());
            if (dst.isPresent() && dst.get().id() == src.id()) {
                return RenameResult.ok(fs.attrs().wcc(preFrom, from.id()), fs.attrs().wcc(preTo, to.id()));
            }
            if (src.isDir() && isSelfOrAncestor(src.id(), to)) {
                throw new NfsException(Nfs3Status.INVAL, "cannot move a directory into itself");
            }
            if (dst.isPresent()) {
                checkReplace(src, dst.get());
            }
            long intent = ns.intents().begin(Intent.rename(src.id(), from.id(), args.fromName().bytes(), to.id(),
                    args.toName().bytes()));
            try {
                move(from, args.fromName(), to, args.toName(), src, dst);
            } finally {
                ns.intents().done(intent);
            }
        } catch (NfsException e) {
            return RenameResult.fail(e.status(), fs.attrs().wcc(preFrom, from.id()), fs.attrs().wcc(preTo, to.id()));
        } finally {
            ns.lock().unlock();
        }
        return RenameResult.ok(fs.attrs().wcc(preFrom, from.id()), fs.attrs().wcc(preTo, to.id()));
    }

    /** The steps of a RENAME, the shadow's first (see {@link io.rowfs.proxy.core.IntentRecovery}). Caller holds the lock. */
    private void move(Resolved from, Filename fromName, Resolved to, Filename toName, Resolved src, Optional<Resolved> dst) {
        Namespace ns = fs.ns();
        if (src.record().inShadow()) {
            FileHandle fromFh = ns.ensureShadowDir(from);
            FileHandle toFh = ns.ensureShadowDir(to);
            if (dst.isPresent() && !dst.get().record().inShadow()) {
                ns.touch(to);
            }
            if (dst.isPresent()) {
                fs.data().drain(dst.get().id());
            }
            ns.shadow().rename(fromFh, fromName, toFh, toName);
            CrashPoint.reach("rename-after-shadow");
            ns.shadow().forget(ns.shadowHandle(src)); // its ctime moved; the reply does not say to what
            if (dst.isPresent() && dst.get().record().inShadow()) {
                ns.shadow().forget(ns.shadowHandle(dst.get()));
            }
            if (dst.isPresent()) {
                ns.objects().remove(dst.get().id());
                fs.data().forget(dst.get().id());
            }
        } else {
            if (dst.isPresent()) {
                RemoveOps.unlink(fs, to, toName, dst.get());
            }
            ns.touch(from);
            ns.touch(to);
        }
        ns.moveBinding(src.id(), from, fromName, to.id(), toName);
    }

    public LinkResult link(NfsContext ctx, LinkArgs args) {
        Resolved file = fs.ns().resolve(args.file());
        Resolved dir = fs.ns().resolve(args.dir());
        WccAttr pre = fs.attrs().pre(dir);
        if (file.isDir()) {
            throw new NfsException(Nfs3Status.ISDIR, "LINK of a directory").withWcc(fs.attrs().wcc(pre, dir.id()));
        }
        Names.checkNew(args.name());
        Resolved copied = fs.ns().copyUp(file); // object lock before namespace lock
        fs.ns().lock().lock();
        try {
            Namespace.requireDir(dir);
            Permissions.requireDirChange(ctx, fs.attrs().of(dir));
            if (fs.ns().lookup(dir, args.name()).isPresent()) {
                throw new NfsException(Nfs3Status.EXIST, "'" + args.name() + "' exists");
            }
            FileHandle dirFh = fs.ns().ensureShadowDir(dir);
            long intent = fs.ns().intents().begin(Intent.link(copied.id(), dir.id(), args.name().bytes()));
            try {
                fs.ns().shadow().link(fs.ns().shadowHandle(copied), dirFh, args.name());
                CrashPoint.reach("link-after-shadow");
                fs.ns().bind(dir.id(), args.name(), copied.id());
            } finally {
                fs.ns().intents().done(intent);
            }
        } catch (NfsException e) {
            return LinkResult.fail(e.status(), fs.attrs().post(file.id()), fs.attrs().wcc(pre, dir.id()));
        } finally {
            fs.ns().lock().unlock();
        }
        return LinkResult.ok(fs.attrs().post(file.id()), fs.attrs().wcc(pre, dir.id()));
    }

    private void checkReplace(Resolved src, Resolved dst) {
        if (src.isDir() && !dst.isDir()) {
            throw new NfsException(Nfs3Status.NOTDIR, "cannot replace a non-directory with a directory");
        }
        if (!src.isDir() && dst.isDir()) {
            throw new NfsException(Nfs3Status.ISDIR, "cannot replace a directory with a non-directory");
        }
        if (dst.isDir() && !fs.ns().isEmpty(dst)) {
            throw new NfsException(Nfs3Status.NOTEMPTY, "target directory not empty");
        }
    }

    private boolean isSelfOrAncestor(long id, Resolved dir) {
        long cur = dir.id();
        for (int depth = 0; depth < 4096; depth++) {
            if (cur == id) {
                return true;
            }
            long parent = fs.ns().reload(cur).record().parentId();
            if (parent == cur) {
                return false;
            }
            cur = parent;
        }
        return false;
    }
}
