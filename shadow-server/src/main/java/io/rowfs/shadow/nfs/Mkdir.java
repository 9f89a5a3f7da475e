package io.rowfs.shadow.nfs;

import io.rowfs.protocol.nfs3.*;
import io.rowfs.shadow.fs.*;
import java.io.IOException;

/** MKDIR (RFC 1813 3.3.9). */
final class Mkdir implements Procedure<MkdirArgs, NewObjectResult> {
    private final ShadowContext c;

    Mkdir(ShadowContext c) {
        this.c = c;
    }

    @Override
    public NewObjectResult run(NfsContext ctx, MkdirArgs args) throws IOException {
        return NewObjects.make(c, args.dir(), args.name(),
                (dir, name) -> c.fs.mkdir(dir, name, ShadowContext.setAttrs(args.attributes()), ShadowContext.cred(ctx)));
    }
}
