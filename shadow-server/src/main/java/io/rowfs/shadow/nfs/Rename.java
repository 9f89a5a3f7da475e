package io.rowfs.shadow.nfs;

import io.rowfs.protocol.nfs3.*;
import io.rowfs.shadow.fs.*;
import java.io.IOException;

/** RENAME (RFC 1813 3.3.14): atomic rename(2); handles of the moved object (and its subtree) stay valid. */
final class Rename implements Procedure<RenameArgs, RenameResult> {
    private final ShadowContext c;

    Rename(ShadowContext c) {
        this.c = c;
    }

    @Override
    public RenameResult run(NfsContext ctx, RenameArgs args) throws IOException {
        ShadowFs.Node from = c.node(args.fromDir());
        ShadowFs.Node to = c.node(args.toDir());
        try {
            c.fs.rename(from, args.fromName().toString(), to, args.toName().toString());
            return RenameResult.ok(c.wcc(from.attrs(), from.path()), c.wcc(to.attrs(), to.path()));
        } catch (IOException e) {
            return RenameResult.fail(Statuses.status(e), c.wcc(from.attrs(), from.path()),
                    c.wcc(to.attrs(), to.path()));
        }
    }
}
