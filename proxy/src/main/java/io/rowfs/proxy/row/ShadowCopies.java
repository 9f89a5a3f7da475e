package io.rowfs.proxy.row;

import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.protocol.nfs3.NfsPath;
import io.rowfs.proxy.core.Handles;
import io.rowfs.proxy.core.MainMetadata;
import io.rowfs.proxy.core.Resolved;
import io.rowfs.proxy.meta.ObjectRecord;
import io.rowfs.proxy.store.Shadow;

/**
 * Where an object's shadow copy is and what it looks like: its shadow handle (for a file whose
 * shadow CREATE is queued behind the reply, {@link NamesBehind}, once it is made), its attributes
 * (while the CREATE is queued, the ones it will have), and a symbolic link's target from whichever
 * store holds the link. Thread-safe; answers from what is known without blocking, and waits (on
 * the fast path: {@code WouldBlock}) only for a queued CREATE or a shadow call.
 */
public final class ShadowCopies {
    private final Shadow shadow;
    private final Handles handles;
    private final MainMetadata main;
    private final PendingCreates pending = new PendingCreates();

    public ShadowCopies(Shadow shadow, Handles handles, MainMetadata main) {
        this.shadow = shadow;
        this.handles = handles;
        this.main = main;
    }

    /**
     * The handle of the object's shadow copy. For a file whose shadow CREATE is still queued this
     * waits until it is made (on the fast path: WouldBlock).
     */
    public FileHandle handle(Resolved r) {
        byte[] known = r.record().shadowHandle();
        if (known.length > 0) {
            return FileHandle.of(known);
        }
        if (r.record().has(ObjectRecord.FLAG_SHADOW_PENDING)) {
            FileHandle made = pending.await(r.id());
            if (made != null) {
                return made;
            }
            byte[] recorded = handles.reload(r.id()).record().shadowHandle(); // recorded since r was read
            if (recorded.length > 0) {
                return FileHandle.of(recorded);
            }
        }
        throw new NfsException(Nfs3Status.SERVERFAULT, "object " + r.id() + " has no shadow copy");
    }

    /** The attributes of the object's shadow copy; while its CREATE is queued, those it will have. */
    public Fattr3 attributes(Resolved r) {
        if (r.record().has(ObjectRecord.FLAG_SHADOW_PENDING)) {
            Fattr3 predicted = pending.predicted(r.id());
            if (predicted != null) {
                return predicted;
            }
        }
        return shadow.getattr(handle(r));
    }

    /** The target of a symbolic link (from the shadow copy or main once, then remembered). */
    public NfsPath linkTarget(Resolved r) {
        return r.record().inShadow() ? main.linkTarget(r.id(), () -> shadow.readlink(handle(r))) : main.linkTarget(r);
    }

    /** Files whose shadow CREATE is queued behind the reply. */
    PendingCreates pending() {
        return pending;
    }
}
