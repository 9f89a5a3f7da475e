package io.rowfs.shadow.nfs;

import io.rowfs.protocol.nfs3.*;
import io.rowfs.shadow.fs.*;
import java.io.IOException;

/** CREATE (RFC 1813 3.3.8): UNCHECKED, GUARDED, and EXCLUSIVE with the verifier kept in the file times. */
final class Create implements Procedure<CreateArgs, CreateResult> {
    private final ShadowContext c;

    Create(ShadowContext c) {
        this.c = c;
    }

    @Override
    public CreateResult run(NfsContext ctx, CreateArgs args) throws IOException {
        ShadowFs.Node dir = c.node(args.dir());
        try {
            CreateHow how = args.how();
            ShadowFs.CreateMode mode = ShadowFs.CreateMode.values()[how.mode().ordinal()];
            SetAttrs attrs = how.attributes() == null ? SetAttrs.NONE : ShadowContext.setAttrs(how.attributes());
            byte[] verf = how.verifier() == null ? null
                    : java.nio.ByteBuffer.allocate(8).putLong(how.verifier().value()).array();
            ShadowFs.Node n = c.fs.create(dir, args.name().toString(), mode, attrs, verf, ShadowContext.cred(ctx));
            return CreateResult.ok(c.handle(n.attrs()), c.postOp(n.attrs()), c.wcc(dir.attrs(), dir.path()));
        } catch (IOException e) {
            throw Statuses.nfs(e).withWcc(c.wcc(dir.attrs(), dir.path()));
        }
    }
}
