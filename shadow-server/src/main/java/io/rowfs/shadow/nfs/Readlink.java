package io.rowfs.shadow.nfs;

import io.rowfs.protocol.nfs3.*;
import io.rowfs.shadow.fs.*;
import java.io.IOException;

/** READLINK (RFC 1813 3.3.5). */
final class Readlink implements Procedure<ReadlinkArgs, ReadlinkResult> {
    private final ShadowContext c;

    Readlink(ShadowContext c) {
        this.c = c;
    }

    @Override
    public ReadlinkResult run(NfsContext ctx, ReadlinkArgs args) throws IOException {
        ShadowFs.Node n = c.node(args.symlink());
        try {
            return ReadlinkResult.ok(c.postOp(n.attrs()), NfsPath.of(c.fs.readlink(n)));
        } catch (IOException e) {
            throw Statuses.nfs(e).withAttributes(c.postOp(n.attrs()));
        }
    }
}
