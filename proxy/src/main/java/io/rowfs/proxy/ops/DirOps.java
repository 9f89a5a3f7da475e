package io.rowfs.proxy.ops;

import io.rowfs.protocol.nfs3.DirEntry;
import io.rowfs.protocol.nfs3.DirEntryPlus;
import io.rowfs.protocol.nfs3.DirListBudget;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsContext;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.protocol.nfs3.PostOpAttr;
import io.rowfs.protocol.nfs3.ReaddirArgs;
import io.rowfs.protocol.nfs3.ReaddirResult;
import io.rowfs.protocol.nfs3.ReaddirplusArgs;
import io.rowfs.protocol.nfs3.ReaddirplusResult;
import io.rowfs.protocol.nfs3.Verifier;
import io.rowfs.proxy.core.DirCookies;
import io.rowfs.proxy.core.Namespace;
import io.rowfs.proxy.core.Resolved;
import java.util.ArrayList;
import java.util.List;

/**
 * READDIR and READDIRPLUS of merged directories. Cookies are per-name ({@link DirCookies}), so a
 * reply resumes after whatever entry the client names, with no server state; the cookie verifier is
 * always zero and never checked (strict verifiers hang real clients when a directory changes).
 */
public final class DirOps {
    private static final Filename DOT = Filename.of(".");
    private static final Filename DOTDOT = Filename.of("..");

    private final ProxyFs fs;

    public DirOps(ProxyFs fs) {
        this.fs = fs;
    }

    public ReaddirResult readdir(NfsContext ctx, ReaddirArgs args) {
        Resolved dir = fs.ns().resolve(args.dir());
        PostOpAttr dirAttr = fs.attrs().post(dir);
        List<Slot> slots = slots(dir, dirAttr, args.cookie());
        DirListBudget budget = DirListBudget.forReaddir(args.count(), dirAttr);
        List<DirEntry> out = new ArrayList<>();
        boolean eof = true;
        for (Slot s : slots) {
            if (!budget.tryAdd(new DirEntry(s.object().id(), s.name(), s.cookie()))) {
                eof = false;
                break;
            }
            out.add(new DirEntry(s.object().id(), s.name(), s.cookie()));
        }
        if (out.isEmpty() && !eof) {
            throw new NfsException(Nfs3Status.TOOSMALL, "count " + args.count() + " holds no entry")
                    .withAttributes(dirAttr);
        }
        return ReaddirResult.ok(dirAttr, Verifier.ZERO, out, eof);
    }

    public ReaddirplusResult readdirplus(NfsContext ctx, ReaddirplusArgs args) {
        Resolved dir = fs.ns().resolve(args.dir());
        PostOpAttr dirAttr = fs.attrs().post(dir);
        List<Slot> slots = slots(dir, dirAttr, args.cookie());
        DirListBudget budget = DirListBudget.forReaddirplus(args.dirCount(), args.maxCount(), dirAttr);
        List<DirEntryPlus> out = new ArrayList<>();
        boolean eof = true;
        for (Slot s : slots) {
            DirEntryPlus e = new DirEntryPlus(s.object().id(), s.name(), s.cookie(), fs.attrs().post(s.object()),
                    fs.ns().handle(s.object()));
            if (!budget.tryAdd(e)) {
                eof = false;
                break;
            }
            out.add(e);
        }
        if (out.isEmpty() && !eof) {
            throw new NfsException(Nfs3Status.TOOSMALL, "maxcount " + args.maxCount() + " holds no entry")
                    .withAttributes(dirAttr);
        }
        return ReaddirplusResult.ok(dirAttr, Verifier.ZERO, out, eof);
    }

    /** The entries after {@code cookie}: ".", "..", then the merged names in cookie order. */
    private List<Slot> slots(Resolved dir, PostOpAttr dirAttr, long cookie) {
        if (!dir.isDir()) {
            throw new NfsException(Nfs3Status.NOTDIR, "not a directory").withAttributes(dirAttr);
        }
        List<DirCookies.Cookied<Namespace.Child>> sorted = DirCookies.assign(fs.ns().list(dir), Namespace.Child::name);
        List<Slot> slots = new ArrayList<>(sorted.size() + 2);
        if (cookie == 0) {
            slots.add(new Slot(DOT, DirCookies.DOT, dir));
        }
        if (Long.compareUnsigned(cookie, DirCookies.DOTDOT) < 0) {
            slots.add(new Slot(DOTDOT, DirCookies.DOTDOT, fs.ns().reload(dir.record().parentId())));
        }
        for (int i = DirCookies.resumeIndex(sorted, cookie); i < sorted.size(); i++) {
            var c = sorted.get(i);
            slots.add(new Slot(c.name(), c.cookie(), c.value().object()));
        }
        return slots;
    }

    private record Slot(Filename name, long cookie, Resolved object) {
    }
}
