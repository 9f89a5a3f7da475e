package io.rowfs.shadow.nfs;

import io.rowfs.protocol.nfs3.*;
import io.rowfs.shadow.fs.*;
import java.io.IOException;

/** RMDIR (RFC 1813 3.3.13) of an empty directory. */
final class Rmdir implements Procedure<RmdirArgs, RmdirResult> {
    private final ShadowContext c;

    Rmdir(ShadowContext c) {
        this.c = c;
    }

    @Override
    public RmdirResult run(NfsContext ctx, RmdirArgs args) throws IOException {
        return Removals.remove(c, args.dir(), args.name(), c.fs::rmdir, RmdirResult::ok);
    }
}
