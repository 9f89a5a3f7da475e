package io.rowfs.shadow.nfs;

import io.rowfs.protocol.nfs3.*;
import io.rowfs.shadow.fs.*;
import java.io.IOException;

/** MKNOD (RFC 1813 3.3.11): FIFOs and sockets; character and block devices where the host allows (root). */
final class Mknod implements Procedure<MknodArgs, NewObjectResult> {
    private final ShadowContext c;

    Mknod(ShadowContext c) {
        this.c = c;
    }

    @Override
    public NewObjectResult run(NfsContext ctx, MknodArgs args) throws IOException {
        io.rowfs.shadow.fs.FileType type = io.rowfs.shadow.fs.FileType.values()[args.type().ordinal()];
        SpecData3 spec = args.spec() == null ? SpecData3.NONE : args.spec();
        Sattr3 s = args.attributes() == null ? Sattr3.EMPTY : args.attributes();
        return NewObjects.make(c, args.dir(), args.name(), (dir, name) -> c.fs.mknod(dir, name, type, spec.major(),
                spec.minor(), ShadowContext.setAttrs(s), ShadowContext.cred(ctx)));
    }
}
