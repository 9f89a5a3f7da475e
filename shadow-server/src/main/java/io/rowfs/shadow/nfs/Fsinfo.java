package io.rowfs.shadow.nfs;

import io.rowfs.protocol.nfs3.*;
import io.rowfs.shadow.fs.*;
import java.io.IOException;

/** FSINFO (RFC 1813 3.3.19): 1 MiB reads and writes, nanosecond times, links and symlinks. */
final class Fsinfo implements Procedure<FsinfoArgs, FsinfoResult> {
    private final ShadowContext c;

    Fsinfo(ShadowContext c) {
        this.c = c;
    }

    @Override
    public FsinfoResult run(NfsContext ctx, FsinfoArgs args) throws IOException {
        ShadowFs.Node n = c.node(args.root());
        int io = ShadowContext.MAX_IO;
        return FsinfoResult.ok(c.postOp(n.attrs()), io, io, 4096, io, io, 4096, 65536, Long.MAX_VALUE,
                new NfsTime3(0, 1), FsProperties.LINK | FsProperties.SYMLINK | FsProperties.HOMOGENEOUS
                        | FsProperties.CANSETTIME);
    }
}
