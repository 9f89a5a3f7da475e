package io.rowfs.shadow.nfs;

import io.rowfs.protocol.nfs3.*;
import io.rowfs.shadow.fs.*;
import java.io.IOException;

/** WRITE (RFC 1813 3.3.7): UNSTABLE is left in the page cache; DATA_SYNC forces data (fdatasync), FILE_SYNC data and metadata (fsync). The verifier is the one of this server start. */
final class Write implements Procedure<WriteArgs, WriteResult> {
    private final ShadowContext c;
    private final long verifier;

    Write(ShadowContext c) {
        this.c = c;
        this.verifier = java.nio.ByteBuffer.wrap(c.fs.writeVerifier()).getLong();
    }

    @Override
    public WriteResult run(NfsContext ctx, WriteArgs args) throws IOException {
        long stamp = c.cache.stamp();
        ShadowFs.Node n = c.node(args.file());
        FileAttrs after = null;
        try {
            ShadowFs.Stable how = ShadowFs.Stable.values()[args.stable().ordinal()];
            after = c.fs.write(n, args.offset(), args.data(), how);
            return WriteResult.ok(WccData.of(c.fattr(n.attrs()), c.fattr(after)), args.data().readableBytes(),
                    args.stable(), new Verifier(verifier));
        } catch (IOException e) {
            throw Statuses.nfs(e).withWcc(c.wcc(n.attrs(), n.path()));
        } finally {
            c.cache.update(stamp, n.inode(), after); // a failed WRITE may have written part: dropped
        }
    }
}
