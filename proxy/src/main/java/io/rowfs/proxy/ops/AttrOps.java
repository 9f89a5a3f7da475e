package io.rowfs.proxy.ops;

import io.rowfs.protocol.nfs3.AccessArgs;
import io.rowfs.protocol.nfs3.AccessResult;
import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.FileType;
import io.rowfs.protocol.nfs3.GetattrArgs;
import io.rowfs.protocol.nfs3.GetattrResult;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsContext;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.protocol.nfs3.PostOpAttr;
import io.rowfs.protocol.nfs3.Sattr3;
import io.rowfs.protocol.nfs3.SetattrArgs;
import io.rowfs.protocol.nfs3.SetattrResult;
import io.rowfs.protocol.nfs3.WccAttr;
import io.rowfs.proxy.core.AccessCheck;
import io.rowfs.proxy.core.Resolved;

/** GETATTR, SETATTR and ACCESS: virtual attributes read, changed in the shadow, and checked. */
public final class AttrOps {
    private final ProxyFs fs;

    public AttrOps(ProxyFs fs) {
        this.fs = fs;
    }

    public GetattrResult getattr(NfsContext ctx, GetattrArgs args) {
        return GetattrResult.ok(fs.attrs().of(fs.handles().resolve(args.object())));
    }

    public AccessResult access(NfsContext ctx, AccessArgs args) {
        Fattr3 a = fs.attrs().of(fs.handles().resolve(args.object()));
        int granted = AccessCheck.granted(a, ctx.uid(), ctx.gid(), ctx.gids(), args.access());
        return AccessResult.ok(PostOpAttr.of(a), granted);
    }

    /** SETATTR: checked here (ctime guard, type, ownership and write access), made by the room. */
    public SetattrResult setattr(NfsContext ctx, SetattrArgs args) {
        Resolved r = fs.handles().resolve(args.object());
        Fattr3 before = fs.attrs().of(r);
        WccAttr pre = before.toWccAttr();
        if (args.guardCtime() != null && !args.guardCtime().equals(before.ctime())) {
            throw new NfsException(Nfs3Status.NOT_SYNC, "ctime guard does not match").withWcc(fs.attrs().wcc(pre, r.id()));
        }
        Sattr3 s = args.attributes();
        if (s.size() != null && before.type() != FileType.REG) {
            throw new NfsException(before.type() == FileType.DIR ? Nfs3Status.ISDIR : Nfs3Status.INVAL,
                    "size of a " + before.type());
        }
        try {
            checkAllowed(ctx, before, s);
        } catch (NfsException e) {
            throw e.withWcc(fs.attrs().wcc(pre, r.id()));
        }
        fs.changes().setattr(r, s);
        return SetattrResult.ok(fs.attrs().wcc(pre, r.id()));
    }

    /** Mode and owner need ownership (a non-root owner may not give the file away); size and times need write access. */
    private static void checkAllowed(NfsContext ctx, Fattr3 before, Sattr3 s) {
        if (s.mode() != null || s.uid() != null || s.gid() != null) {
            Permissions.requireOwner(ctx, before);
            if (ctx.uid() != 0 && s.uid() != null && s.uid() != before.uid()) {
                throw new NfsException(Nfs3Status.PERM, "only root changes a file's owner");
            }
        }
        if (s.size() != null || s.atime().how() != io.rowfs.protocol.nfs3.TimeHow.DONT_CHANGE
                || s.mtime().how() != io.rowfs.protocol.nfs3.TimeHow.DONT_CHANGE) {
            Permissions.requireWrite(ctx, before);
        }
    }
}
