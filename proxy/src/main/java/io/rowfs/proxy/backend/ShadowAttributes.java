package io.rowfs.proxy.backend;

import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.NfsTime3;
import io.rowfs.protocol.nfs3.PostOpAttr;
import io.rowfs.protocol.nfs3.WccData;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest attributes the shadow reported for each of its objects. The shadow export belongs to
 * the proxy alone (nothing else writes it), and every change the proxy makes comes back with
 * post-operation attributes, so GETATTR of a shadow object needs no round trip once the object has
 * been seen. Replies that can arrive out of order are reconciled by ctime: attributes never replace
 * newer ones (ctime moves on every change of an object). Changes that report no attributes for an
 * object (REMOVE of one link, RENAME of the moved object) are followed by {@link #forget}.
 *
 * <p>Bounded: past {@code capacity} handles the table is emptied and refilled on demand (a cache of
 * a cache: losing it costs one GETATTR per object). Thread-safe.
 */
final class ShadowAttributes {
    private final int capacity;
    private final Map<FileHandle, Fattr3> byHandle = new ConcurrentHashMap<>();

    ShadowAttributes(int capacity) {
        this.capacity = capacity;
    }

    /** The cached attributes, or null. */
    Fattr3 get(FileHandle fh) {
        return byHandle.get(fh);
    }

    void offer(FileHandle fh, Fattr3 a) {
        if (fh == null || a == null) {
            return;
        }
        if (byHandle.size() >= capacity) {
            byHandle.clear();
        }
        byHandle.merge(fh, a, (old, fresh) -> isOlder(fresh.ctime(), old.ctime()) ? old : fresh);
    }

    void offer(FileHandle fh, PostOpAttr a) {
        if (a != null && a.isPresent()) {
            offer(fh, a.attributes());
        } else if (fh != null) {
            forget(fh);
        }
    }

    /** The post-operation half of a wcc_data; absent attributes make the entry unknown. */
    void offer(FileHandle fh, WccData wcc) {
        offer(fh, wcc == null ? null : wcc.after());
    }

    void forget(FileHandle fh) {
        byHandle.remove(fh);
    }

    int size() {
        return byHandle.size();
    }

    private static boolean isOlder(NfsTime3 a, NfsTime3 b) {
        int s = Integer.compareUnsigned(a.seconds(), b.seconds());
        return s != 0 ? s < 0 : Integer.compareUnsigned(a.nseconds(), b.nseconds()) < 0;
    }
}
