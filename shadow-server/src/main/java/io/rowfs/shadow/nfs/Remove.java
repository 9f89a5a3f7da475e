package io.rowfs.shadow.nfs;

import io.rowfs.protocol.nfs3.*;
import io.rowfs.shadow.fs.*;
import java.io.IOException;

/** REMOVE (RFC 1813 3.3.12) of a non-directory. */
final class Remove implements Procedure<RemoveArgs, RemoveResult> {
    private final ShadowContext c;

    Remove(ShadowContext c) {
        this.c = c;
    }

    @Override
    public RemoveResult run(NfsContext ctx, RemoveArgs args) throws IOException {
        return Removals.remove(c, args.dir(), args.name(), c.fs::remove, RemoveResult::ok);
    }
}
