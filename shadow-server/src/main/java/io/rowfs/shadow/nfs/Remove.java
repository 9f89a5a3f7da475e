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
        ShadowFs.Node dir = c.node(args.dir());
        String name = args.name().toString();
        FileAttrs removed = null;
        try {
            removed = c.fs.remove(dir, name);
            return RemoveResult.ok(c.wcc(dir.attrs(), dir.path()));
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
