package io.rowfs.shadow.nfs;

import io.rowfs.protocol.nfs3.DirEntry;
import io.rowfs.protocol.nfs3.DirListBudget;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsContext;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.protocol.nfs3.PostOpAttr;
import io.rowfs.protocol.nfs3.ReaddirArgs;
import io.rowfs.protocol.nfs3.ReaddirResult;
import io.rowfs.protocol.nfs3.Verifier;
import io.rowfs.shadow.fs.DirCookies;
import io.rowfs.shadow.fs.ShadowFs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * READDIR (RFC 1813 3.3.16): "." and ".." first, then the entries in {@link DirCookies} order,
 * each cookie meaning "resume after this entry". The cookie verifier is always zero and is not
 * checked: a listing that changed between calls simply resumes after the given cookie.
 */
final class Readdir implements Procedure<ReaddirArgs, ReaddirResult> {
    private final ShadowContext c;

    Readdir(ShadowContext c) {
        this.c = c;
    }

    @Override
    public ReaddirResult run(NfsContext ctx, ReaddirArgs args) throws IOException {
        ShadowFs.Node dir = c.node(args.dir());
        PostOpAttr dirAttr = c.postOp(dir.attrs());
        try {
            DirListBudget budget = DirListBudget.forReaddir(args.count(), dirAttr);
            List<DirEntry> out = new ArrayList<>();
            long cookie = args.cookie();
            boolean full = false;
            if (cookie == 0) {
                full = !add(out, budget, new DirEntry(dir.inode(), Filename.DOT, DirCookies.DOT));
            }
            if (!full && Long.compareUnsigned(cookie, DirCookies.DOT) <= 0) {
                full = !add(out, budget, new DirEntry(c.fs.parentOf(dir).inode(), Filename.DOTDOT,
                        DirCookies.DOTDOT));
            }
            if (!full) {
                for (ShadowFs.DirEntry e : c.fs.list(dir, cookie)) {
                    long ino = c.fs.inodeOf(dir, e.name());
                    if (ino < 0) {
                        continue;
                    }
                    if (!add(out, budget, new DirEntry(ino, Filename.of(e.name()), e.cookie()))) {
                        full = true;
                        break;
                    }
                }
            }
            if (full && out.isEmpty()) {
                throw new NfsException(Nfs3Status.TOOSMALL, "count too small for one entry");
            }
            return ReaddirResult.ok(c.postOp(dir.path()), Verifier.ZERO, out, !full);
        } catch (IOException e) {
            throw Statuses.nfs(e).withAttributes(dirAttr);
        } catch (NfsException e) {
            throw e.withAttributes(dirAttr);
        }
    }

    private static boolean add(List<DirEntry> out, DirListBudget budget, DirEntry e) {
        if (!budget.tryAdd(e)) {
            return false;
        }
        out.add(e);
        return true;
    }
}
