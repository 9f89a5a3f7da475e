package io.rowfs.shadow.nfs;

import io.rowfs.protocol.nfs3.*;
import io.rowfs.shadow.fs.*;
import java.io.IOException;

/** ACCESS (RFC 1813 3.3.4): computed from the mode bits and the caller's AUTH_SYS identity. */
final class AccessProc implements Procedure<AccessArgs, AccessResult> {
    private final ShadowContext c;

    AccessProc(ShadowContext c) {
        this.c = c;
    }

    @Override
    public AccessResult run(NfsContext ctx, AccessArgs args) throws IOException {
        long stamp = c.cache.stamp();
        ShadowFs.Node n = c.node(args.object());
        c.cache.put(stamp, n.attrs());
        return AccessResult.ok(c.postOp(n.attrs()), c.fs.access(n.attrs(), ShadowContext.cred(ctx), args.access()));
    }
}
