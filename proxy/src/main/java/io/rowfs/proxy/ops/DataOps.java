package io.rowfs.proxy.ops;

import io.netty.buffer.ByteBuf;
import io.rowfs.protocol.nfs3.CommitArgs;
import io.rowfs.protocol.nfs3.CommitResult;
import io.rowfs.protocol.nfs3.FileType;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsContext;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.protocol.nfs3.PostOpAttr;
import io.rowfs.protocol.nfs3.ReadArgs;
import io.rowfs.protocol.nfs3.ReadResult;
import io.rowfs.protocol.nfs3.PreOpAttr;
import io.rowfs.protocol.nfs3.WccAttr;
import io.rowfs.protocol.nfs3.WccData;
import io.rowfs.protocol.nfs3.WriteArgs;
import io.rowfs.protocol.nfs3.WriteResult;
import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.xdr.FileSlice;
import io.rowfs.proxy.core.Resolved;

/** READ, WRITE and COMMIT of regular files through the block-redirecting {@link io.rowfs.proxy.row.FileData}. */
public final class DataOps {
    private final ProxyFs fs;

    public DataOps(ProxyFs fs) {
        this.fs = fs;
    }

    public ReadResult read(NfsContext ctx, ReadArgs args) {
        Resolved r = fs.handles().resolve(args.file());
        requireFile(r);
        long offset = args.offset();
        if (offset < 0) {
            throw new NfsException(Nfs3Status.INVAL, "offset beyond 2^63").withAttributes(fs.attrs().post(r));
        }
        int count = (int) Math.min(Integer.toUnsignedLong(args.count()), fs.limits().rtmax());
        // a warm read of main data goes out from the disk cache's file (sendfile); anything else in memory
        FileSlice file = fs.data().readFromCacheFile(r, offset, count);
        ByteBuf data = file == null ? fs.data().read(r, offset, count) : null;
        try {
            Fattr3 after = fs.attrs().of(fs.handles().reload(r.id()));
            int got = file != null ? file.length() : data.readableBytes();
            boolean eof = offset + got >= after.size();
            // the result takes over our reference
            return file != null ? ReadResult.ok(PostOpAttr.of(after), eof, file) : ReadResult.ok(PostOpAttr.of(after), eof, data);
        } catch (RuntimeException | Error e) {
            if (file != null) {
                file.release();
            } else {
                data.release();
            }
            throw e;
        }
    }

    public WriteResult write(NfsContext ctx, WriteArgs args) {
        Resolved r = fs.handles().resolve(args.file());
        requireFile(r);
        Fattr3 before = fs.attrs().of(r);
        WccAttr pre = before.toWccAttr();
        int count = args.data().readableBytes();
        try {
            Permissions.requireWrite(ctx, before);
        } catch (NfsException e) {
            throw e.withWcc(fs.attrs().wcc(pre, r.id()));
        }
        if (args.offset() < 0 || args.offset() + count < 0) {
            throw new NfsException(Nfs3Status.FBIG, "write beyond 2^63").withWcc(fs.attrs().wcc(pre, r.id()));
        }
        if (count > fs.limits().wtmax()) {
            throw new NfsException(Nfs3Status.INVAL, "write of " + count + " bytes, wtmax is " + fs.limits().wtmax())
                    .withWcc(fs.attrs().wcc(pre, r.id()));
        }
        WriteResult shadow = fs.data().write(r, args.offset(), args.data(), args.stable());
        // post-op attributes from the shadow's own reply (no extra GETATTR), with the logical size
        PostOpAttr after = shadow.wcc().after();
        WccData wcc = after.isPresent()
                ? new WccData(PreOpAttr.of(pre), PostOpAttr.of(fs.attrs().virtualize(fs.handles().reload(r.id()), after.attributes())))
                : fs.attrs().wcc(pre, r.id());
        return WriteResult.ok(wcc, count, shadow.committed(), fs.data().verifier().current());
    }

    public CommitResult commit(NfsContext ctx, CommitArgs args) {
        Resolved r = fs.handles().resolve(args.file());
        requireFile(r);
        WccAttr pre = fs.attrs().pre(r);
        if (args.offset() < 0 || (args.count() != 0 && args.offset() + Integer.toUnsignedLong(args.count()) < 0)) {
            throw new NfsException(Nfs3Status.INVAL, "commit range beyond 2^63").withWcc(fs.attrs().wcc(pre, r.id()));
        }
        var verifier = fs.data().commit(r);
        return CommitResult.ok(fs.attrs().wcc(pre, r.id()), verifier);
    }

    private void requireFile(Resolved r) {
        if (r.type() == FileType.DIR) {
            throw new NfsException(Nfs3Status.ISDIR, "a directory").withAttributes(fs.attrs().post(r));
        }
        if (r.type() != FileType.REG) {
            throw new NfsException(Nfs3Status.INVAL, "not a regular file").withAttributes(fs.attrs().post(r));
        }
    }
}
