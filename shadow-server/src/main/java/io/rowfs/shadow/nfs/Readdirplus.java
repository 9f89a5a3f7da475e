package io.rowfs.shadow.nfs;

import io.rowfs.protocol.nfs3.DirEntryPlus;
import io.rowfs.protocol.nfs3.DirListBudget;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsContext;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.protocol.nfs3.PostOpAttr;
import io.rowfs.protocol.nfs3.ReaddirplusArgs;
import io.rowfs.protocol.nfs3.ReaddirplusResult;
import io.rowfs.protocol.nfs3.Verifier;
import io.rowfs.shadow.fs.DirCookies;
import io.rowfs.shadow.fs.ShadowFs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * READDIRPLUS (RFC 1813 3.3.17): as {@link Readdir}, with each entry's attributes and handle
 * (entries are registered in the inode table, so their handles resolve later). Fills up to
 * {@code maxcount} bytes in total and {@code dircount} bytes of names and cookies.
 */
final class Readdirplus implements Procedure<ReaddirplusArgs, ReaddirplusResult> {
    private final ShadowContext c;

    Readdirplus(ShadowContext c) {
        this.c = c;
    }

    @Override
    public ReaddirplusResult run(NfsContext ctx, ReaddirplusArgs args) throws IOException {
        ShadowFs.Node dir = c.node(args.dir());
        PostOpAttr dirAttr = c.postOp(dir.attrs());
        try {
            DirListBudget budget = DirListBudget.forReaddirplus(args.dirCount(), args.maxCount(), dirAttr);
            List<DirEntryPlus> out = new ArrayList<>();
            long cookie = args.cookie();
            boolean full = false;
            if (cookie == 0) {
                full = !add(out, budget, entry(dir, ".", DirCookies.DOT));
            }
            if (!full && Long.compareUnsigned(cookie, DirCookies.DOT) <= 0) {
                full = !add(out, budget, entry(c.fs.parentOf(dir), "..", DirCookies.DOTDOT));
            }
            if (!full) {
                for (ShadowFs.DirEntry e : c.fs.list(dir, cookie)) {
                    ShadowFs.Node n = c.fs.listedEntry(dir, e.name());
                    if (n == null) {
                        continue;
                    }
                    if (!add(out, budget, entry(n, e.name(), e.cookie()))) {
                        full = true;
                        break;
                    }
                }
            }
            if (full && out.isEmpty()) {
                throw new NfsException(Nfs3Status.TOOSMALL, "maxcount too small for one entry");
            }
            return ReaddirplusResult.ok(c.postOp(dir.path()), Verifier.ZERO, out, !full);
        } catch (IOException e) {
            throw Statuses.nfs(e).withAttributes(dirAttr);
        } catch (NfsException e) {
            throw e.withAttributes(dirAttr);
        }
    }

    private DirEntryPlus entry(ShadowFs.Node n, String name, long cookie) {
        return new DirEntryPlus(n.inode(), Filename.of(name), cookie, c.postOp(n.attrs()), c.handle(n.attrs()));
    }

    private static boolean add(List<DirEntryPlus> out, DirListBudget budget, DirEntryPlus e) {
        if (!budget.tryAdd(e)) {
            return false;
        }
        out.add(e);
        return true;
    }
}
