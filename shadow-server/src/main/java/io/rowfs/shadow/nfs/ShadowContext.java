package io.rowfs.shadow.nfs;

import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.FileType;
import io.rowfs.protocol.nfs3.NfsContext;
import io.rowfs.protocol.nfs3.NfsTime3;
import io.rowfs.protocol.nfs3.PostOpAttr;
import io.rowfs.protocol.nfs3.Sattr3;
import io.rowfs.protocol.nfs3.SetTime;
import io.rowfs.protocol.nfs3.SpecData3;
import io.rowfs.protocol.nfs3.TimeHow;
import io.rowfs.protocol.nfs3.WccData;
import io.rowfs.shadow.fs.Cred;
import io.rowfs.shadow.fs.FileAttrs;
import io.rowfs.shadow.fs.SetAttrs;
import io.rowfs.shadow.fs.ShadowFs;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What every procedure shares: the {@link ShadowFs} and the conversions between its neutral types
 * and the NFSv3 records (fattr3 with the export's constant fsid, sattr3, credentials). Immutable.
 */
final class ShadowContext {
    /** Largest READ and WRITE (FSINFO rtmax/wtmax): 1 MiB, what the Linux client uses at most. */
    static final int MAX_IO = 1 << 20;

    final ShadowFs fs;
    /** Attributes and names this server has seen; procedures keep it coherent with their changes. */
    final AttrCache cache;
    private final long fsid;

    ShadowContext(ShadowFs fs, AttrCache cache) {
        this.fs = fs;
        this.cache = cache;
        this.fsid = fs.fsid();
    }

    Fattr3 fattr(FileAttrs a) {
        if (a == null) {
            return null;
        }
        return new Fattr3(FileType.of(a.type().nfsValue()), a.mode(), a.nlink(), a.uid(), a.gid(),
                a.size(), a.used(), new SpecData3(a.rdevMajor(), a.rdevMinor()), fsid, a.fileid(),
                new NfsTime3((int) a.atimeSec(), a.atimeNsec()), new NfsTime3((int) a.mtimeSec(), a.mtimeNsec()),
                new NfsTime3((int) a.ctimeSec(), a.ctimeNsec()));
    }

    PostOpAttr postOp(FileAttrs a) {
        return PostOpAttr.of(fattr(a));
    }

    /** Post-operation attributes read now, absent if unreadable. */
    PostOpAttr postOp(Path p) {
        return PostOpAttr.of(fattr(fs.attrsOrNull(p)));
    }

    WccData wcc(FileAttrs before, Path after) {
        return wcc(before, fs.attrsOrNull(after));
    }

    /** wcc_data from attributes read before and after the change (either may be null). */
    WccData wcc(FileAttrs before, FileAttrs after) {
        return WccData.of(fattr(before), fattr(after));
    }

    FileHandle handle(FileAttrs a) {
        return FileHandle.of(fs.handle(a.fileid()));
    }

    ShadowFs.Node node(FileHandle h) throws IOException {
        return fs.node(h.bytes());
    }

    static Cred cred(NfsContext ctx) {
        return new Cred(ctx.uid(), ctx.gid(), ctx.gids());
    }

    static SetAttrs setAttrs(Sattr3 s) {
        return new SetAttrs(s.mode() == null ? null : s.mode() & 07777, s.uid(), s.gid(), s.size(),
                time(s.atime()), time(s.mtime()));
    }

    private static SetAttrs.TimeSet time(SetTime t) {
        if (t.how() == TimeHow.DONT_CHANGE) {
            return null;
        }
        if (t.how() == TimeHow.SET_TO_SERVER_TIME) {
            return SetAttrs.TimeSet.SERVER;
        }
        return SetAttrs.TimeSet.client(Integer.toUnsignedLong(t.time().seconds()), t.time().nseconds());
    }
}
