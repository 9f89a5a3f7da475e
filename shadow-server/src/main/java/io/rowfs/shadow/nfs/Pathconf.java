package io.rowfs.shadow.nfs;

import io.rowfs.protocol.nfs3.*;
import io.rowfs.shadow.fs.*;
import java.io.IOException;

/** PATHCONF (RFC 1813 3.3.20): POSIX answers of a Linux file system. */
final class Pathconf implements Procedure<PathconfArgs, PathconfResult> {
    private final ShadowContext c;

    Pathconf(ShadowContext c) {
        this.c = c;
    }

    @Override
    public PathconfResult run(NfsContext ctx, PathconfArgs args) throws IOException {
        ShadowFs.Node n = c.node(args.object());
        return PathconfResult.ok(c.postOp(n.attrs()), 65000, Names.MAX_NAME_BYTES, true, true, false, true);
    }
}
