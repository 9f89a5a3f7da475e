package io.rowfs.proxy.row;

import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.FileType;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.protocol.nfs3.NfsPath;
import io.rowfs.protocol.nfs3.PostOpAttr;
import io.rowfs.protocol.nfs3.PreOpAttr;
import io.rowfs.protocol.nfs3.WccAttr;
import io.rowfs.protocol.nfs3.WccData;
import io.rowfs.proxy.core.Handles;
import io.rowfs.proxy.core.MainMetadata;
import io.rowfs.proxy.core.Resolved;
import io.rowfs.proxy.meta.ObjectRecord;

/**
 * Virtual attributes: those of the shadow copy when there is one (the proxy sets its owner, mode and
 * times at copy-up, and writes and namespace changes move its times), else main's; the size of a
 * regular file is the proxy's logical size once it owns it; fsid is one constant and fileid is the
 * virtual id, so neither changes on copy-up.
 */
public final class Attributes {
    /** The one fsid of the export ("rowfs" and 1). */
    public static final long FSID = 0x726f7766_73000001L;

    private final Handles handles;
    private final MainMetadata main;
    private final ShadowCopies copies;

    public Attributes(Handles handles, MainMetadata main, ShadowCopies copies) {
        this.handles = handles;
        this.main = main;
        this.copies = copies;
    }

    public Fattr3 of(Resolved r) {
        ObjectRecord rec = r.record();
        return virtualize(r, rec.inShadow() ? copies.attributes(r) : main.attributes(r));
    }

    /** A symbolic link's target, from whichever store holds the link (remembered: targets never change). */
    public NfsPath linkTarget(Resolved r) {
        return copies.linkTarget(r);
    }

    /** The virtual attributes of {@code r} given its back end's attributes {@code a} (e.g. from a shadow reply). */
    public Fattr3 virtualize(Resolved r, Fattr3 a) {
        ObjectRecord rec = r.record();
        long size = a.size();
        if (a.type() == FileType.REG && rec.has(ObjectRecord.FLAG_SIZE_OWNED)) {
            size = rec.logicalSize();
        }
        return new Fattr3(a.type(), a.mode(), a.nlink(), a.uid(), a.gid(), size, a.used(), a.rdev(), FSID, r.id(),
                a.atime(), a.mtime(), a.ctime());
    }

    /** Post-operation attributes, re-reading the object; absent if that fails (the reply still goes out). */
    public PostOpAttr post(long id) {
        try {
            return PostOpAttr.of(of(handles.reload(id)));
        } catch (NfsException | io.rowfs.proxy.threading.BackendException e) {
            return PostOpAttr.ABSENT;
        }
    }

    public PostOpAttr post(Resolved r) {
        return post(r.id());
    }

    /** Pre-operation attributes, or null if they cannot be read. */
    public WccAttr pre(Resolved r) {
        try {
            return of(r).toWccAttr();
        } catch (NfsException | io.rowfs.proxy.threading.BackendException e) {
            return null;
        }
    }

    public WccData wcc(WccAttr before, long id) {
        return new WccData(before == null ? PreOpAttr.ABSENT : PreOpAttr.of(before), post(id));
    }
}
