package io.rowfs.proxy.ops;

import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsContext;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.protocol.nfs3.RemoveArgs;
import io.rowfs.protocol.nfs3.RemoveResult;
import io.rowfs.protocol.nfs3.RmdirArgs;
import io.rowfs.protocol.nfs3.RmdirResult;
import io.rowfs.protocol.nfs3.WccAttr;
import io.rowfs.proxy.core.Resolved;

/**
 * REMOVE and RMDIR: the room takes the name away ({@link io.rowfs.proxy.row.Changes}); here, "."
 * and ".." are refused and the reply built. A failure reports the directory's wcc data.
 */
public final class RemoveOps {
    private final ProxyFs fs;

    public RemoveOps(ProxyFs fs) {
        this.fs = fs;
    }

    public RemoveResult remove(NfsContext ctx, RemoveArgs args) {
        Resolved dir = fs.handles().resolve(args.dir());
        WccAttr pre = fs.attrs().pre(dir);
        try {
            fs.changes().remove(dir, args.name(), new CallerChecks(ctx, fs.attrs()));
        } catch (NfsException e) {
            throw e.withWcc(fs.attrs().wcc(pre, dir.id()));
        }
        return RemoveResult.ok(fs.attrs().wcc(pre, dir.id()));
    }

    public RmdirResult rmdir(NfsContext ctx, RmdirArgs args) {
        Resolved dir = fs.handles().resolve(args.dir());
        WccAttr pre = fs.attrs().pre(dir);
        try {
            if (args.name().isDot()) {
                throw new NfsException(Nfs3Status.INVAL, "RMDIR of '.'");
            }
            if (args.name().isDotDot()) {
                throw new NfsException(Nfs3Status.EXIST, "RMDIR of '..'");
            }
            fs.changes().rmdir(dir, args.name(), new CallerChecks(ctx, fs.attrs()));
        } catch (NfsException e) {
            throw e.withWcc(fs.attrs().wcc(pre, dir.id()));
        }
        return RmdirResult.ok(fs.attrs().wcc(pre, dir.id()));
    }
}
