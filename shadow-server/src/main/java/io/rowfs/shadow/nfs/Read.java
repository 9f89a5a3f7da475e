package io.rowfs.shadow.nfs;

import io.rowfs.protocol.nfs3.*;
import io.rowfs.shadow.fs.*;
import java.io.IOException;
import io.netty.buffer.ByteBufAllocator;
/** READ (RFC 1813 3.3.6): positional read through the open-file cache, at most rtmax bytes. */
final class Read implements Procedure<ReadArgs, ReadResult> {
    private final ShadowContext c;

    Read(ShadowContext c) {
        this.c = c;
    }

    @Override
    public ReadResult run(NfsContext ctx, ReadArgs args) throws IOException {
        ShadowFs.Node n = c.node(args.file());
        int count = (int) Math.min(Integer.toUnsignedLong(args.count()), ShadowContext.MAX_IO);
        try {
            ShadowFs.ReadResult r = c.fs.read(n, args.offset(), count, ByteBufAllocator.DEFAULT);
            return ReadResult.ok(c.postOp(r.attrs()), r.eof(), r.data());
        } catch (IOException e) {
            throw Statuses.nfs(e).withAttributes(c.postOp(n.attrs()));
        }
    }
}
