package io.rowfs.shadow.nfs;

import io.rowfs.protocol.nfs3.*;
import io.rowfs.shadow.fs.*;
import java.io.IOException;

/** CREATE (RFC 1813 3.3.8): UNCHECKED, GUARDED, and EXCLUSIVE with the verifier kept in the file times. */
final class Create implements Procedure<CreateArgs, NewObjectResult> {
    private final ShadowContext c;

    Create(ShadowContext c) {
        this.c = c;
    }

    @Override
    public NewObjectResult run(NfsContext ctx, CreateArgs args) throws IOException {
        CreateHow how = args.how();
        ShadowFs.CreateMode mode = ShadowFs.CreateMode.values()[how.mode().ordinal()];
        SetAttrs attrs = how.attributes() == null ? SetAttrs.NONE : ShadowContext.setAttrs(how.attributes());
        byte[] verf = how.verifier() == null ? null
                : java.nio.ByteBuffer.allocate(8).putLong(how.verifier().value()).array();
        return NewObjects.make(c, args.dir(), args.name(),
                (dir, name) -> c.fs.create(dir, name, mode, attrs, verf, ShadowContext.cred(ctx)));
    }
}
