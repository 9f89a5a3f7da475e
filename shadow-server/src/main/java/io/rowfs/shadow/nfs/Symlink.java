package io.rowfs.shadow.nfs;

import io.rowfs.protocol.nfs3.*;
import io.rowfs.shadow.fs.*;
import java.io.IOException;

/** SYMLINK (RFC 1813 3.3.10): the target is stored verbatim and never followed by the server. */
final class Symlink implements Procedure<SymlinkArgs, NewObjectResult> {
    private final ShadowContext c;

    Symlink(ShadowContext c) {
        this.c = c;
    }

    @Override
    public NewObjectResult run(NfsContext ctx, SymlinkArgs args) throws IOException {
        return NewObjects.make(c, args.dir(), args.name(), (dir, name) -> c.fs.symlink(dir, name,
                args.data().toString(), ShadowContext.setAttrs(args.attributes()), ShadowContext.cred(ctx)));
    }
}
