package io.rowfs.proxy.ops;

import io.rowfs.protocol.nfs3.FileType;
import io.rowfs.protocol.nfs3.LookupArgs;
import io.rowfs.protocol.nfs3.LookupResult;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsContext;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.protocol.nfs3.ReadlinkArgs;
import io.rowfs.protocol.nfs3.ReadlinkResult;
import io.rowfs.proxy.core.Resolved;

/** LOOKUP (whiteouts first, then the name index, then main) and READLINK. */
public final class LookupOps {
    private final ProxyFs fs;

    public LookupOps(ProxyFs fs) {
        this.fs = fs;
    }

    public LookupResult lookup(NfsContext ctx, LookupArgs args) {
        Resolved dir = fs.handles().resolve(args.dir());
        Resolved child = fs.names().lookup(dir, args.name()).orElseThrow(() ->
                new NfsException(Nfs3Status.NOENT, "no " + args.name()).withAttributes(fs.attrs().post(dir)));
        return LookupResult.ok(fs.handles().handle(child), fs.attrs().post(child), fs.attrs().post(dir));
    }

    public ReadlinkResult readlink(NfsContext ctx, ReadlinkArgs args) {
        Resolved r = fs.handles().resolve(args.symlink());
        if (r.type() != FileType.LNK) {
            throw new NfsException(Nfs3Status.INVAL, "not a symbolic link").withAttributes(fs.attrs().post(r));
        }
        return ReadlinkResult.ok(fs.attrs().post(r), fs.attrs().linkTarget(r));
    }
}
