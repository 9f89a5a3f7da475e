package io.rowfs.proxy.ops;

import io.rowfs.protocol.nfs3.FsinfoArgs;
import io.rowfs.protocol.nfs3.FsinfoResult;
import io.rowfs.protocol.nfs3.FsstatArgs;
import io.rowfs.protocol.nfs3.FsstatResult;
import io.rowfs.protocol.nfs3.Nfs3;
import io.rowfs.protocol.nfs3.NfsContext;
import io.rowfs.protocol.nfs3.PathconfArgs;
import io.rowfs.protocol.nfs3.PathconfResult;
import io.rowfs.protocol.nfs3.PostOpAttr;
import io.rowfs.proxy.core.Resolved;

/** FSSTAT (the shadow's space: that is where writes go), FSINFO (both back ends' limits), PATHCONF. */
public final class FsOps {
    private final ProxyFs fs;

    public FsOps(ProxyFs fs) {
        this.fs = fs;
    }

    public FsstatResult fsstat(NfsContext ctx, FsstatArgs args) {
        Resolved r = fs.handles().resolve(args.root());
        FsstatResult s = fs.changes().space();
        return FsstatResult.ok(fs.attrs().post(r), s.totalBytes(), s.freeBytes(), s.availBytes(), s.totalFiles(),
                s.freeFiles(), s.availFiles(), 0);
    }

    public FsinfoResult fsinfo(NfsContext ctx, FsinfoArgs args) {
        Resolved r = fs.handles().resolve(args.root());
        FsLimits l = fs.limits();
        return FsinfoResult.ok(fs.attrs().post(r), l.rtmax(), l.rtpref(), 4096, l.wtmax(), l.wtpref(), 4096,
                l.dtpref(), l.maxFileSize(), l.timeDelta(), l.properties());
    }

    public PathconfResult pathconf(NfsContext ctx, PathconfArgs args) {
        Resolved r = fs.handles().resolve(args.object());
        PostOpAttr a = fs.attrs().post(r);
        return PathconfResult.ok(a, 32000, Nfs3.NAME_MAX, true, true, false, true);
    }
}
