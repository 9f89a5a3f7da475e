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
        long stamp = c.cache.stamp();
        ShadowFs.Node dir = c.node(args.dir());
        String name = args.name().toString();
        try {
            CreateHow how = args.how();
            ShadowFs.CreateMode mode = ShadowFs.CreateMode.values()[how.mode().ordinal()];
            SetAttrs attrs = how.attributes() == null ? SetAttrs.NONE : ShadowContext.setAttrs(how.attributes());
            byte[] verf = how.verifier() == null ? null
                    : java.nio.ByteBuffer.allocate(8).putLong(how.verifier().value()).array();
            ShadowFs.Node n = c.fs.create(dir, name, mode, attrs, verf, ShadowContext.cred(ctx));
            FileAttrs dirAfter = c.fs.attrsOrNull(dir.path());
            c.cache.created(stamp, dir.inode(), name, n.attrs(), dirAfter);
            return NewObjectResult.ok(c.handle(n.attrs()), c.postOp(n.attrs()), c.wcc(dir.attrs(), dirAfter));
        } catch (IOException e) {
            c.cache.invalidateName(dir.inode(), name); // a failed UNCHECKED create may have changed it
            throw Statuses.nfs(e).withWcc(c.wcc(dir.attrs(), dir.path()));
        }
    }
}
