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
        long stamp = c.cache.stamp();
        ShadowFs.Node dir = c.node(args.dir());
        String name = args.name().toString();
        FileAttrs removed = null;
        FileAttrs dirAfter = null;
        try {
            removed = c.fs.remove(dir, name);
            dirAfter = c.fs.attrsOrNull(dir.path());
            return RemoveResult.ok(c.wcc(dir.attrs(), dirAfter));
        } catch (IOException e) {
            throw Statuses.nfs(e).withWcc(c.wcc(dir.attrs(), dir.path()));
        } finally {
            // the removed object is also known by handle or other links: dropped; the directory's
            // attributes after a successful removal are kept
            c.cache.removed(stamp, dir.inode(), name, removed == null ? -1 : removed.fileid(), dirAfter);
        }
    }
}
