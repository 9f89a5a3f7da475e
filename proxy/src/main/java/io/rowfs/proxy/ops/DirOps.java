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
import io.rowfs.proxy.threading.BackendException;
import io.rowfs.proxy.core.DirCookies;
import io.rowfs.proxy.core.Resolved;
import java.util.ArrayList;
import java.util.List;

/**
 * READDIR and READDIRPLUS of merged directories. Cookies are per-name ({@link DirCookies}), so a
 * reply resumes after whatever entry the client names, with no server state; the cookie verifier is
 * always zero and never checked (strict verifiers hang real clients when a directory changes).
 */
public final class DirOps {

    private final ProxyFs fs;
    private final CookiedListings listings;

    public DirOps(ProxyFs fs) {
        this.fs = fs;
        this.listings = new CookiedListings(fs.names(), fs.handles());
    }

    public ReaddirResult readdir(NfsContext ctx, ReaddirArgs args) {
        Resolved dir = fs.handles().resolve(args.dir());
        PostOpAttr dirAttr = fs.attrs().post(dir);
        CookiedListings.Sorted sorted = sorted(dir, dirAttr);
        DirListBudget budget = DirListBudget.forReaddir(args.count(), dirAttr);
        List<DirEntry> out = new ArrayList<>();
        boolean eof = true;
        long cookie = args.cookie();
        if (cookie == 0) {
            eof = add(budget, out, new DirEntry(dir.id(), Filename.DOT, DirCookies.DOT));
        }
        if (eof && Long.compareUnsigned(cookie, DirCookies.DOTDOT) < 0) {
            eof = add(budget, out, new DirEntry(dir.record().parentId(), Filename.DOTDOT, DirCookies.DOTDOT));
        }
        List<DirCookies.Cookied<CookiedListings.Entry>> entries = sorted.entries();
        for (int i = sorted.resumeIndex(cookie); eof && i < entries.size(); i++) {
            var c = entries.get(i);
            eof = add(budget, out, new DirEntry(c.value().object().id(), c.name(), c.cookie()));
        }
        if (out.isEmpty() && !eof) {
            throw new NfsException(Nfs3Status.TOOSMALL, "count " + args.count() + " holds no entry")
                    .withAttributes(dirAttr);
        }
        return ReaddirResult.ok(dirAttr, Verifier.ZERO, out, eof);
    }

    public ReaddirplusResult readdirplus(NfsContext ctx, ReaddirplusArgs args) {
        Resolved dir = fs.handles().resolve(args.dir());
        PostOpAttr dirAttr = fs.attrs().post(dir);
        CookiedListings.Sorted sorted = sorted(dir, dirAttr);
        DirListBudget budget = DirListBudget.forReaddirplus(args.dirCount(), args.maxCount(), dirAttr);
        List<DirEntryPlus> out = new ArrayList<>();
        boolean eof = true;
        long cookie = args.cookie();
        if (cookie == 0) {
            eof = add(budget, out, new DirEntryPlus(dir.id(), Filename.DOT, DirCookies.DOT, dirAttr, fs.handles().handle(dir)));
        }
        if (eof && Long.compareUnsigned(cookie, DirCookies.DOTDOT) < 0) {
            Resolved parent = fs.handles().reload(dir.record().parentId());
            eof = add(budget, out, new DirEntryPlus(parent.id(), Filename.DOTDOT, DirCookies.DOTDOT, fs.attrs().post(parent),
                    fs.handles().handle(parent)));
        }
        List<DirCookies.Cookied<CookiedListings.Entry>> entries = sorted.entries();
        long version = listings.version(); // before any entry's record is read
        for (int i = sorted.resumeIndex(cookie); eof && i < entries.size(); i++) {
            var c = entries.get(i);
            CookiedListings.Entry kept = c.value();
            DirEntryPlus e = kept.plus(version);
            if (e == null) {
                e = entryPlus(c.name(), c.cookie(), kept, version);
            }
            eof = add(budget, out, e);
        }
        if (out.isEmpty() && !eof) {
            throw new NfsException(Nfs3Status.TOOSMALL, "maxcount " + args.maxCount() + " holds no entry")
                    .withAttributes(dirAttr);
        }
        return ReaddirplusResult.ok(dirAttr, Verifier.ZERO, out, eof);
    }

    /**
     * An entry with its current attributes; kept for the next reply when the object lives on main
     * alone (its attributes change only through a change of its record, which moves the version
     * and replaces the record instance).
     */
    private DirEntryPlus entryPlus(Filename name, long cookie, CookiedListings.Entry kept, long version) {
        long id = kept.object().id();
        Resolved now;
        PostOpAttr attrs;
        try {
            now = fs.handles().reload(id);
            DirEntryPlus same = kept.plus(version, now.record()); // only other objects changed
            if (same != null) {
                return same;
            }
            attrs = PostOpAttr.of(fs.attrs().of(now));
        } catch (NfsException | BackendException e) {
            return new DirEntryPlus(id, name, cookie, PostOpAttr.ABSENT, kept.handle()); // the reply still goes out
        }
        DirEntryPlus e = new DirEntryPlus(id, name, cookie, attrs, kept.handle());
        if (!now.record().inShadow()) {
            kept.keep(version, now.record(), e);
        }
        return e;
    }

    private CookiedListings.Sorted sorted(Resolved dir, PostOpAttr dirAttr) {
        if (!dir.isDir()) {
            throw new NfsException(Nfs3Status.NOTDIR, "not a directory").withAttributes(dirAttr);
        }
        return listings.of(dir);
    }

    /** Adds {@code e} if the budget holds it; false (and nothing added) when the reply is full. */
    private static boolean add(DirListBudget budget, List<DirEntry> out, DirEntry e) {
        if (!budget.tryAdd(e)) {
            return false;
        }
        out.add(e);
        return true;
    }

    private static boolean add(DirListBudget budget, List<DirEntryPlus> out, DirEntryPlus e) {
        if (!budget.tryAdd(e)) {
            return false;
        }
        out.add(e);
        return true;
    }
}
