package io.rowfs.proxy.core;

import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.proxy.handle.BadHandleException;
import io.rowfs.proxy.handle.VirtualHandle;
import io.rowfs.proxy.handle.VirtualHandleCodec;
import io.rowfs.proxy.meta.ObjectRecord;
import io.rowfs.proxy.meta.ObjectTable;

/**
 * Virtual handles to objects and back: a client's handle is decoded and checked (MAC, export,
 * generation) and names a record of the object table. Thread-safe, never blocks: fit for the
 * event loop.
 */
public final class Handles {
    public static final int EXPORT_ID = 1;

    private final ObjectTable objects;
    private final VirtualHandleCodec codec;

    public Handles(ObjectTable objects, VirtualHandleCodec codec) {
        this.objects = objects;
        this.codec = codec;
    }

    /** The object a client handle names: BADHANDLE if it does not decode, STALE if the object is gone. */
    public Resolved resolve(FileHandle fh) {
        VirtualHandle vh;
        try {
            vh = codec.decode(fh.bytes());
        } catch (BadHandleException e) {
            throw new NfsException(Nfs3Status.BADHANDLE, e.getMessage());
        }
        if (vh.exportId() != EXPORT_ID) {
            throw new NfsException(Nfs3Status.STALE, "handle of export " + vh.exportId());
        }
        ObjectRecord r = objects.get(vh.objectId())
                .orElseThrow(() -> new NfsException(Nfs3Status.STALE, "object " + vh.objectId() + " is gone"));
        if (r.generation() != vh.generation()) {
            throw new NfsException(Nfs3Status.STALE, "object " + vh.objectId() + " was re-used");
        }
        return new Resolved(vh.objectId(), r);
    }

    public FileHandle handle(Resolved r) {
        return FileHandle.of(codec.encode(new VirtualHandle(EXPORT_ID, r.id(), r.record().generation())));
    }

    /** The object's current record; STALE when it is gone. */
    public Resolved reload(long id) {
        return new Resolved(id, objects.get(id)
                .orElseThrow(() -> new NfsException(Nfs3Status.STALE, "object " + id + " is gone")));
    }

    public Resolved root() {
        return reload(ObjectTable.ROOT_ID);
    }

    /**
     * The version of the object records now ({@link CachedObjectTable#version()}): a value derived
     * from records read after it is current while it does not move; -1 when the table keeps none.
     */
    public long recordsVersion() {
        return objects instanceof CachedObjectTable t ? t.version() : -1;
    }
}
