package io.rowfs.proxy.ops;

import io.rowfs.protocol.nfs3.CreateArgs;
import io.rowfs.protocol.nfs3.CreateMode;
import io.rowfs.protocol.nfs3.FileType;
import io.rowfs.protocol.nfs3.MkdirArgs;
import io.rowfs.protocol.nfs3.MknodArgs;
import io.rowfs.protocol.nfs3.NewObjectResult;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsContext;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.protocol.nfs3.Sattr3;
import io.rowfs.protocol.nfs3.SymlinkArgs;
import io.rowfs.protocol.nfs3.WccAttr;
import io.rowfs.proxy.core.Resolved;
import java.util.function.Supplier;

/**
 * CREATE, MKDIR, SYMLINK and MKNOD: the room makes the object ({@link io.rowfs.proxy.row.Changes});
 * here, the caller's defaults (new objects belong to the caller unless it says otherwise, a
 * directory without a mode gets 0755) and the reply. A failure reports the directory's wcc data.
 */
public final class CreateOps {
    private final ProxyFs fs;

    public CreateOps(ProxyFs fs) {
        this.fs = fs;
    }

    public NewObjectResult create(NfsContext ctx, CreateArgs args) {
        Resolved dir = fs.handles().resolve(args.dir());
        WccAttr pre = fs.attrs().pre(dir);
        CallerChecks checks = new CallerChecks(ctx, fs.attrs());
        return made(dir, pre, () -> args.how().mode() == CreateMode.EXCLUSIVE
                ? fs.changes().createExclusive(dir, args.name(), args.how().verifier(), ctx.uid(), ctx.gid(), checks)
                : fs.changes().create(dir, args.name(), owned(ctx, args.how().attributes()),
                        args.how().mode() == CreateMode.UNCHECKED, checks));
    }

    public NewObjectResult mkdir(NfsContext ctx, MkdirArgs args) {
        Resolved dir = fs.handles().resolve(args.dir());
        WccAttr pre = fs.attrs().pre(dir);
        Sattr3 attrs = owned(ctx, args.attributes().mode() == null ? withMode(args.attributes(), 0755) : args.attributes());
        return made(dir, pre, () -> fs.changes().mkdir(dir, args.name(), attrs, new CallerChecks(ctx, fs.attrs())));
    }

    public NewObjectResult symlink(NfsContext ctx, SymlinkArgs args) {
        Resolved dir = fs.handles().resolve(args.dir());
        WccAttr pre = fs.attrs().pre(dir);
        Sattr3 attrs = owned(ctx, args.attributes());
        return made(dir, pre, () -> fs.changes().symlink(dir, args.name(), attrs, args.data(),
                new CallerChecks(ctx, fs.attrs())));
    }

    public NewObjectResult mknod(NfsContext ctx, MknodArgs args) {
        Resolved dir = fs.handles().resolve(args.dir());
        WccAttr pre = fs.attrs().pre(dir);
        if (args.type() == FileType.REG || args.type() == FileType.DIR || args.type() == FileType.LNK) {
            throw new NfsException(Nfs3Status.BADTYPE, "MKNOD of a " + args.type()).withWcc(fs.attrs().wcc(pre, dir.id()));
        }
        Sattr3 attrs = owned(ctx, args.attributes() == null ? Sattr3.EMPTY : args.attributes());
        return made(dir, pre, () -> fs.changes().mknod(dir, args.name(), args.type(), attrs, args.spec(),
                new CallerChecks(ctx, fs.attrs())));
    }

    /** The reply for the object {@code make} made in {@code dir}; a refusal carries the directory's wcc data. */
    private NewObjectResult made(Resolved dir, WccAttr pre, Supplier<Resolved> make) {
        Resolved made;
        try {
            made = make.get();
        } catch (NfsException e) {
            throw e.withWcc(fs.attrs().wcc(pre, dir.id()));
        }
        return NewObjectResult.ok(fs.handles().handle(made), fs.attrs().post(made), fs.attrs().wcc(pre, dir.id()));
    }

    private static Sattr3 owned(NfsContext ctx, Sattr3 s) {
        return new Sattr3(s.mode(), s.uid() != null ? s.uid() : ctx.uid(), s.gid() != null ? s.gid() : ctx.gid(),
                s.size(), s.atime(), s.mtime());
    }

    private static Sattr3 withMode(Sattr3 s, int mode) {
        return new Sattr3(mode, s.uid(), s.gid(), s.size(), s.atime(), s.mtime());
    }
}
