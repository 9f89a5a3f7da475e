package io.rowfs.shadow.nfs;

import io.rowfs.protocol.nfs3.*;
import io.rowfs.shadow.fs.*;
import java.io.IOException;

/** LINK (RFC 1813 3.3.15): a hard link to a non-directory. */
final class Link implements Procedure<LinkArgs, LinkResult> {
    private final ShadowContext c;

    Link(ShadowContext c) {
        this.c = c;
    }

    @Override
    public LinkResult run(NfsContext ctx, LinkArgs args) throws IOException {
        ShadowFs.Node file = c.node(args.file());
        ShadowFs.Node dir = c.node(args.dir());
        try {
            ShadowFs.Node n = c.fs.link(file, dir, args.name().toString());
            return LinkResult.ok(c.postOp(n.attrs()), c.wcc(dir.attrs(), dir.path()));
        } catch (IOException e) {
            return LinkResult.fail(Statuses.status(e), c.postOp(file.path()), c.wcc(dir.attrs(), dir.path()));
        }
    }
}
