package io.rowfs.shadow.nfs;

import io.rowfs.protocol.nfs3.*;
import io.rowfs.shadow.fs.*;
import java.io.IOException;

/** FSSTAT (RFC 1813 3.3.18): space of the file store holding the export; file counts are not visible to the JDK and are reported as a large constant. */
final class Fsstat implements Procedure<FsstatArgs, FsstatResult> {
    private static final long FILES = 1L << 32;
    private final ShadowContext c;

    Fsstat(ShadowContext c) {
        this.c = c;
    }

    @Override
    public FsstatResult run(NfsContext ctx, FsstatArgs args) throws IOException {
        ShadowFs.Node n = c.node(args.root());
        long[] space = c.fs.space();
        return FsstatResult.ok(c.postOp(n.attrs()), space[0], space[1], space[2], FILES, FILES, FILES, 0);
    }
}
