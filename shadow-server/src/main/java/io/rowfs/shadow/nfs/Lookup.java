package io.rowfs.shadow.nfs;

import io.rowfs.protocol.nfs3.*;
import io.rowfs.shadow.fs.*;
import java.io.IOException;

/** LOOKUP (RFC 1813 3.3.3): "." and ".." included; the root is its own parent; never outside the export. */
final class Lookup implements Procedure<LookupArgs, LookupResult> {
    private final ShadowContext c;

    Lookup(ShadowContext c) {
        this.c = c;
    }

    @Override
    public LookupResult run(NfsContext ctx, LookupArgs args) throws IOException {
        long stamp = c.cache.stamp();
        ShadowFs.Node dir = c.node(args.dir());
        try {
            String name = args.name().toString();
            ShadowFs.Node n = c.fs.lookup(dir, name);
            if (!Filename.isDotOrDotDot(name)) {
                c.cache.putName(stamp, dir.inode(), name, n.attrs());
                c.cache.put(stamp, dir.attrs());
            }
            return LookupResult.ok(c.handle(n.attrs()), c.postOp(n.attrs()), c.postOp(dir.attrs()));
        } catch (IOException e) {
            throw Statuses.nfs(e).withAttributes(c.postOp(dir.path()));
        }
    }
}
