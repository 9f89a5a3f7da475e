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
        ShadowFs.Node dir = c.node(args.dir());
        String name = args.name().toString();
        FileAttrs removed = null;
        try {
            removed = c.fs.rmdir(dir, name);
            return RmdirResult.ok(c.wcc(dir.attrs(), dir.path()));
        } catch (IOException e) {
            throw Statuses.nfs(e).withWcc(c.wcc(dir.attrs(), dir.path()));
        } finally {
            c.cache.invalidateName(dir.inode(), name);
            if (removed != null) {
                c.cache.invalidate(removed.fileid()); // also known by handle or other links
            }
        }
    }
}
