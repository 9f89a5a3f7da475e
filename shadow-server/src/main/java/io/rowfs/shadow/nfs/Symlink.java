package io.rowfs.shadow.nfs;

import io.rowfs.protocol.nfs3.*;
import io.rowfs.shadow.fs.*;
import java.io.IOException;

/** SYMLINK (RFC 1813 3.3.10): the target is stored verbatim and never followed by the server. */
final class Symlink implements Procedure<SymlinkArgs, SymlinkResult> {
    private final ShadowContext c;

    Symlink(ShadowContext c) {
        this.c = c;
    }

    @Override
    public SymlinkResult run(NfsContext ctx, SymlinkArgs args) throws IOException {
        ShadowFs.Node dir = c.node(args.dir());
        try {
            ShadowFs.Node n = c.fs.symlink(dir, args.name().toString(), args.data().toString(),
                    ShadowContext.setAttrs(args.attributes()), ShadowContext.cred(ctx));
            return SymlinkResult.ok(c.handle(n.attrs()), c.postOp(n.attrs()), c.wcc(dir.attrs(), dir.path()));
        } catch (IOException e) {
            throw Statuses.nfs(e).withWcc(c.wcc(dir.attrs(), dir.path()));
        }
    }
}
