package io.rowfs.shadow.nfs;

import io.rowfs.protocol.nfs3.*;
import io.rowfs.shadow.fs.*;
import java.io.IOException;

/** GETATTR (RFC 1813 3.3.1): the attributes of one object. */
final class Getattr implements Procedure<GetattrArgs, GetattrResult> {
    private final ShadowContext c;

    Getattr(ShadowContext c) {
        this.c = c;
    }

    @Override
    public GetattrResult run(NfsContext ctx, GetattrArgs args) throws IOException {
        long stamp = c.cache.stamp();
        FileAttrs a = c.node(args.object()).attrs();
        c.cache.put(stamp, a);
        return GetattrResult.ok(c.fattr(a));
    }
}
