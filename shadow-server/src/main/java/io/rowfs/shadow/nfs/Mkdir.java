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
        long stamp = c.cache.stamp();
        ShadowFs.Node dir = c.node(args.dir());
        String name = args.name().toString();
        try {
            ShadowFs.Node n = c.fs.mkdir(dir, name, ShadowContext.setAttrs(args.attributes()),
                    ShadowContext.cred(ctx));
            FileAttrs dirAfter = c.fs.attrsOrNull(dir.path());
            c.cache.created(stamp, dir.inode(), name, n.attrs(), dirAfter);
            return NewObjectResult.ok(c.handle(n.attrs()), c.postOp(n.attrs()), c.wcc(dir.attrs(), dirAfter));
        } catch (IOException e) {
            c.cache.invalidateName(dir.inode(), name); // a failed UNCHECKED create may have changed it
            throw Statuses.nfs(e).withWcc(c.wcc(dir.attrs(), dir.path()));
        }
    }
}
