package io.rowfs.proxy.ops;

import io.rowfs.protocol.nfs3.LinkArgs;
import io.rowfs.protocol.nfs3.LinkResult;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsContext;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.protocol.nfs3.RenameArgs;
import io.rowfs.protocol.nfs3.RenameResult;
import io.rowfs.protocol.nfs3.WccAttr;
import io.rowfs.proxy.core.Resolved;

/**
 * RENAME and LINK: the room moves or adds the name ({@link io.rowfs.proxy.row.Changes}); here,
 * the replies, which carry both directories' (or the file's and the directory's) attributes
 * whether the change was made or refused.
 */
public final class RenameOps {
    private final ProxyFs fs;

    public RenameOps(ProxyFs fs) {
        this.fs = fs;
    }

    public RenameResult rename(NfsContext ctx, RenameArgs args) {
        Resolved from = fs.handles().resolve(args.fromDir());
        Resolved to = fs.handles().resolve(args.toDir());
        WccAttr preFrom = fs.attrs().pre(from);
        WccAttr preTo = fs.attrs().pre(to);
        try {
            fs.changes().rename(from, args.fromName(), to, args.toName(), new CallerChecks(ctx, fs.attrs()));
        } catch (NfsException e) {
            return RenameResult.fail(e.status(), fs.attrs().wcc(preFrom, from.id()), fs.attrs().wcc(preTo, to.id()));
        }
        return RenameResult.ok(fs.attrs().wcc(preFrom, from.id()), fs.attrs().wcc(preTo, to.id()));
    }

    public LinkResult link(NfsContext ctx, LinkArgs args) {
        Resolved file = fs.handles().resolve(args.file());
        Resolved dir = fs.handles().resolve(args.dir());
        WccAttr pre = fs.attrs().pre(dir);
        if (file.isDir()) {
            throw new NfsException(Nfs3Status.ISDIR, "LINK of a directory").withWcc(fs.attrs().wcc(pre, dir.id()));
        }
        Names.checkNew(args.name());
        try {
            fs.changes().link(file, dir, args.name(), new CallerChecks(ctx, fs.attrs()));
        } catch (NfsException e) {
            return LinkResult.fail(e.status(), fs.attrs().post(file.id()), fs.attrs().wcc(pre, dir.id()));
        }
        return LinkResult.ok(fs.attrs().post(file.id()), fs.attrs().wcc(pre, dir.id()));
    }
}
