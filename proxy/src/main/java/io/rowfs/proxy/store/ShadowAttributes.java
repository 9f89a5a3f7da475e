package io.rowfs.proxy.store;

import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.NfsTime3;
import io.rowfs.protocol.nfs3.PostOpAttr;
import io.rowfs.protocol.nfs3.WccData;
import java.time.Instant;
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
    /** How far a file server's clock may lag the proxy's (kernel timestamps use a coarse, tick-based clock). */
    static final long CLOCK_SLACK_NANOS = 20_000_000L;

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

    /**
     * A change of {@code fh} is on its way (made behind the reply): the known attributes get mtime
     * and ctime moved to {@code now}, at least one nanosecond past the known ones. The predicted
     * times are set back by {@link #CLOCK_SLACK_NANOS}, so the shadow's own report of the change,
     * stamped with its coarser clock, still counts as newer and replaces the prediction.
     */
    void expectChange(FileHandle fh, Instant now) {
        byHandle.computeIfPresent(fh, (k, a) -> {
            NfsTime3 mtime = later(a.mtime(), now, CLOCK_SLACK_NANOS);
            NfsTime3 ctime = later(a.ctime(), now, CLOCK_SLACK_NANOS);
            return new Fattr3(a.type(), a.mode(), a.nlink(), a.uid(), a.gid(), a.size(), a.used(), a.rdev(),
                    a.fsid(), a.fileid(), a.atime(), mtime, ctime);
        });
    }

    /** {@code now - slack}, or one nanosecond past {@code known} if that is later. */
    private static NfsTime3 later(NfsTime3 known, Instant now, long slackNanos) {
        Instant predicted = now.minusNanos(slackNanos);
        Instant bumped = Instant.ofEpochSecond(Integer.toUnsignedLong(known.seconds()),
                Integer.toUnsignedLong(known.nseconds()) + 1);
        Instant t = predicted.isAfter(bumped) ? predicted : bumped;
        return new NfsTime3((int) t.getEpochSecond(), t.getNano());
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
