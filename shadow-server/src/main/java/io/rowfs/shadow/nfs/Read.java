package io.rowfs.shadow.nfs;

import io.rowfs.protocol.nfs3.*;
import io.rowfs.shadow.fs.*;
import java.io.IOException;
import io.netty.buffer.PooledByteBufAllocator;
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
            // a pooled arena: 1 MiB buffers are reused instead of mapped and zeroed on every READ
            ShadowFs.ReadResult r = c.fs.read(n, args.offset(), count, PooledByteBufAllocator.DEFAULT);
            return ReadResult.ok(c.postOp(r.attrs()), r.eof(), r.data());
        } catch (IOException e) {
            throw Statuses.nfs(e).withAttributes(c.postOp(n.attrs()));
        }
    }
}
