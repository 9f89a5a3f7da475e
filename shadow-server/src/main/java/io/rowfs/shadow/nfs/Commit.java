package io.rowfs.shadow.nfs;

import io.rowfs.protocol.nfs3.*;
import io.rowfs.shadow.fs.*;
import java.io.IOException;

/** COMMIT (RFC 1813 3.3.21): fsync of the whole file; answers the same verifier as WRITE. */
final class Commit implements Procedure<CommitArgs, CommitResult> {
    private final ShadowContext c;
    private final long verifier;

    Commit(ShadowContext c) {
        this.c = c;
        this.verifier = java.nio.ByteBuffer.wrap(c.fs.writeVerifier()).getLong();
    }

    @Override
    public CommitResult run(NfsContext ctx, CommitArgs args) throws IOException {
        ShadowFs.Node n = c.node(args.file());
        try {
            if (args.offset() < 0 || args.offset() + Integer.toUnsignedLong(args.count()) < 0) {
                throw new FsException(FsError.INVALID, "offset + count overflows");
            }
            FileAttrs after = c.fs.commit(n);
            return CommitResult.ok(WccData.of(c.fattr(n.attrs()), c.fattr(after)), new Verifier(verifier));
        } catch (IOException e) {
            throw Statuses.nfs(e).withWcc(c.wcc(n.attrs(), n.path()));
        }
    }
}
