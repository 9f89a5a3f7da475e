package io.rowfs.proxy.row;

import io.rowfs.protocol.nfs3.FileType;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.FsstatResult;
import io.rowfs.protocol.nfs3.NfsPath;
import io.rowfs.protocol.nfs3.Sattr3;
import io.rowfs.protocol.nfs3.SpecData3;
import io.rowfs.protocol.nfs3.Verifier;
import io.rowfs.proxy.core.Handles;
import io.rowfs.proxy.core.Resolved;
import io.rowfs.proxy.store.Shadow;

/**
 * Every change of the merged file system that spans the shadow and the proxy's tables, as the
 * protocol layer asks for it: it passes decoded arguments and its {@link Checks}, gets the
 * object changed or made, and builds the reply. Failures are {@link io.rowfs.protocol.nfs3.NfsException}s
 * with the status to answer (or {@code BackendException}); nothing here knows the wire.
 *
 * <p>Names change under the namespace lock; a file's data and size under its object lock, taken
 * first. CREATE and REMOVE of files may run on the event loop's fast path (they throw
 * {@code WouldBlock} before any change when they would wait); everything else blocks (workers).
 */
public final class Changes {
    private final Handles handles;
    private final Shadow shadow;
    private final ShadowCopies copies;
    private final CopyUp copyUp;
    private final FileData data;
    private final Creates creates;
    private final Removes removes;
    private final Renames renames;

    Changes(Handles handles, Shadow shadow, ShadowCopies copies, CopyUp copyUp, FileData data, Creates creates,
            Removes removes, Renames renames) {
        this.handles = handles;
        this.shadow = shadow;
        this.copies = copies;
        this.copyUp = copyUp;
        this.data = data;
        this.creates = creates;
        this.removes = removes;
        this.renames = renames;
    }

    /** CREATE GUARDED, or UNCHECKED (an existing regular file is opened, truncated if {@code attrs} has a size). */
    public Resolved create(Resolved dir, Filename name, Sattr3 attrs, boolean unchecked, Checks checks) {
        return creates.file(dir, name, attrs, unchecked, checks);
    }

    /** CREATE EXCLUSIVE: a retransmission with the same verifier answers the file it made. */
    public Resolved createExclusive(Resolved dir, Filename name, Verifier verifier, int uid, int gid, Checks checks) {
        return creates.exclusive(dir, name, verifier, uid, gid, checks);
    }

    public Resolved mkdir(Resolved dir, Filename name, Sattr3 attrs, Checks checks) {
        return creates.dir(dir, name, attrs, checks);
    }

    public Resolved symlink(Resolved dir, Filename name, Sattr3 attrs, NfsPath target, Checks checks) {
        return creates.symlink(dir, name, attrs, target, checks);
    }

    public Resolved mknod(Resolved dir, Filename name, FileType type, Sattr3 attrs, SpecData3 spec, Checks checks) {
        return creates.node(dir, name, type, attrs, spec, checks);
    }

    /** REMOVE of a non-directory. */
    public void remove(Resolved dir, Filename name, Checks checks) {
        removes.file(dir, name, checks);
    }

    /** RMDIR of an empty directory. */
    public void rmdir(Resolved dir, Filename name, Checks checks) {
        removes.dir(dir, name, checks);
    }

    public void rename(Resolved from, Filename fromName, Resolved to, Filename toName, Checks checks) {
        renames.rename(from, fromName, to, toName, checks);
    }

    /** LINK of a non-directory as {@code dir}/{@code name}. */
    public void link(Resolved file, Resolved dir, Filename name, Checks checks) {
        renames.link(file, dir, name, checks);
    }

    /**
     * SETATTR (checked by the caller): the object is copied up, a size change truncates or extends
     * it (see {@link FileData#truncate}), the other attributes are set on the shadow copy.
     */
    public Resolved setattr(Resolved r, Sattr3 s) {
        Resolved up = copyUp.copyUp(r);
        if (s.size() != null) {
            data.truncate(up, s.size());
            up = handles.reload(up.id());
        }
        Sattr3 rest = new Sattr3(s.mode(), s.uid(), s.gid(), null, s.atime(), s.mtime());
        if (!rest.equals(Sattr3.EMPTY)) {
            data.drain(up.id()); // a queued write must not land after, say, the mtime set here
            shadow.setattr(copies.handle(up), rest);
        }
        return up;
    }

    /** FSSTAT of the store every change lands in: the shadow's space is the file system's. */
    public FsstatResult space() {
        return shadow.fsstat();
    }
}
