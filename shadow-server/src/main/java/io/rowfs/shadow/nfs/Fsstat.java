package io.rowfs.shadow.nfs;

import io.rowfs.protocol.nfs3.*;
import io.rowfs.shadow.fs.*;
import java.io.IOException;

/**
 * FSSTAT (RFC 1813 3.3.18): space and file counts of the file system holding the export. File
 * counts come from {@code stat -f} (the JDK does not expose them); when that fails they are
 * reported as a large constant.
 */
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
        long[] files = c.fs.fileCounts();
        long total = files == null ? FILES : files[0];
        long free = files == null ? FILES : files[1];
        return FsstatResult.ok(c.postOp(n.attrs()), space[0], space[1], space[2], total, free, free, 0);
    }
}
