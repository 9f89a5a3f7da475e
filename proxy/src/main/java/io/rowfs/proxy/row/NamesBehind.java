package io.rowfs.proxy.row;

import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.FileType;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.protocol.nfs3.NfsTime3;
import io.rowfs.protocol.nfs3.Sattr3;
import io.rowfs.protocol.nfs3.SetTime;
import io.rowfs.protocol.nfs3.SpecData3;
import io.rowfs.protocol.nfs3.TimeHow;
import io.rowfs.proxy.threading.NonBlocking;
import io.rowfs.proxy.core.Handles;
import io.rowfs.proxy.core.MainMetadata;
import io.rowfs.proxy.core.MergedNames;
import io.rowfs.proxy.core.Resolved;
import io.rowfs.proxy.meta.Intent;
import io.rowfs.proxy.meta.IntentLog;
import io.rowfs.proxy.meta.ObjectTable;
import io.rowfs.proxy.store.Shadow;
import io.rowfs.proxy.meta.NameEntry;
import io.rowfs.proxy.meta.ObjectRecord;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Namespace write-behind: CREATE of a regular file and REMOVE of a file's only link are answered
 * once the proxy's own tables say so, and the shadow follows. The tables are the truth clients see
 * (names, fileids, handles all come from them) and they are crash-safe, so the shadow's CREATE or
 * REMOVE need not be waited for: it is queued on the directory's shadow queue
 * ({@link Shadow#inOrder}), which keeps it in order with every later
 * shadow call that depends on that directory's names.
 *
 * <ul>
 *   <li>A file created behind has a record flagged {@link ObjectRecord#FLAG_SHADOW_PENDING} and no
 *       shadow handle; its attributes are the ones its CREATE will give it (times included, sent
 *       as client times). Whatever needs its shadow handle waits for the CREATE
 *       ({@link ShadowCopies#handle}); queued writes wait in the background.</li>
 *   <li>A file removed behind leaves the tables at once; the shadow REMOVE of the name follows.</li>
 *   <li>The directory's known shadow attributes get new times at once, so wcc data shows the change.</li>
 *   <li>Crash safety: an intent ({@link Intent.Kind#CREATE_BEHIND}, {@link Intent.Kind#REMOVE_BEHIND})
 *       is logged before the tables change and dropped once the shadow step is made;
 *       {@link IntentRecovery} makes the shadow match the tables for whatever is left.</li>
 *   <li>A CREATE the shadow refuses after the reply (no space, say) drops the file again: it is
 *       logged, and the client's handle turns stale.</li>
 * </ul>
 *
 * <p>At most {@code maxQueued} changes are queued; a slot is {@link #reserve reserved} before the
 * namespace lock is taken (waiting for one must not hold the lock the queues' followers need).
 *
 * <p>Both changes may run on the event loop's fast path ({@link NonBlocking}): everything that could
 * wait (attributes, main's entries, queued writes, the lock, a slot) comes before the first change
 * of state, which is marked {@link NonBlocking#sideEffects}.
 */
public final class NamesBehind {
    private static final Logger LOG = LoggerFactory.getLogger(NamesBehind.class);
    /** Permission bits a new file gets when the client sends no mode (as knfsd does). */
    private static final int NO_MODE = 0;

    private final MergedNames names;
    private final MainMetadata main;
    private final ObjectTable objects;
    private final IntentLog intents;
    private final Shadow shadow;
    private final ShadowCopies copies;
    private final CopyUp copyUp;
    private final Handles handles;
    private final ReentrantLock namespace;
    private final CrashPoint crash;
    private final int maxQueued;
    private final Semaphore slots;
    private final Executor dropper;
    private final Clock clock;
    private volatile ShadowRoom room = ShadowRoom.UNLIMITED;

    /**
     * @param maxQueued at most this many shadow changes queued at a time; 0 turns write-behind off
     * @param dropper   where a file whose CREATE failed is dropped (it takes the namespace lock)
     */
    NamesBehind(MergedNames names, MainMetadata main, ObjectTable objects, IntentLog intents, Shadow shadow,
                ShadowCopies copies, CopyUp copyUp, Handles handles, ReentrantLock namespace, CrashPoint crash,
                int maxQueued, Executor dropper, Clock clock) {
        this.names = names;
        this.main = main;
        this.objects = objects;
        this.intents = intents;
        this.shadow = shadow;
        this.copies = copies;
        this.copyUp = copyUp;
        this.handles = handles;
        this.namespace = namespace;
        this.crash = crash;
        this.maxQueued = maxQueued;
        this.slots = maxQueued > 0 ? new Semaphore(maxQueued) : null;
        this.dropper = dropper;
        this.clock = clock;
    }


    /**
     * A place in the queue, taken before the namespace lock (waits while the queue is full); not
     * {@link Slot#usable} when write-behind is off. Closing it gives it back unless a change used it.
     */
    public Slot reserve() {
        if (slots == null) {
            return new Slot(false);
        }
        if (!slots.tryAcquire()) {
            NonBlocking.check();
            slots.acquireUninterruptibly();
        }
        return new Slot(true);
    }

    /** Changes queued (or places reserved) and not yet made in the shadow. */
    public int queued() {
        return slots == null ? 0 : maxQueued - slots.availablePermits();
    }

    /** Files are created behind only while {@code room} says the shadow has room for them. */
    public void room(ShadowRoom room) {
        this.room = room;
    }

    /** Whether the shadow has room for a file created behind the reply (see {@link ShadowRoom}). */
    public boolean roomForCreate() {
        return room.enough();
    }

    /** Whether a CREATE with these attributes can be made behind (a size other than 0 cannot). */
    public static boolean canCreate(Sattr3 attrs) {
        return attrs.size() == null || attrs.size() == 0;
    }

    /**
     * Binds a new regular file {@code name} in {@code dir} (whose shadow copy is {@code dirFh}) and
     * queues its shadow CREATE. The caller holds the namespace lock and has checked that the name
     * is free and may be created.
     */
    public Resolved create(Slot slot, Resolved dir, FileHandle dirFh, Filename name, Sattr3 requested) {
        slot.use();
        NonBlocking.sideEffects();
        room.used();
        Instant now = clock.instant();
        NewFile file = new NewFile(requested.mode() != null ? requested.mode() & 07777 : NO_MODE,
                requested.uid() != null ? requested.uid() : 0, requested.gid() != null ? requested.gid() : 0,
                new NfsTime3((int) now.getEpochSecond(), now.getNano()));
        long intent = intents.begin(Intent.createBehind(dir.id(), name.bytes(), file.encode()));
        ObjectRecord record = new ObjectRecord(dir.id(), name.bytes(), FileType.REG.value(),
                ObjectRecord.FLAG_SIZE_OWNED | ObjectRecord.FLAG_SHADOW_PENDING, 0, 0, new byte[0], new byte[0]);
        Resolved made = names.bindNew(dir.id(), name, record);
        copies.pending().add(made.id(), file.attributes());
        shadow.expectChange(dirFh);
        shadow.inOrder(dirFh, name, () -> land(slot, made.id(), dir.id(), dirFh, name, file, intent));
        return made;
    }

    /** Whether {@code child}'s REMOVE can be made behind: a non-directory with no other link. */
    public boolean canRemove(Resolved child) {
        if (child.isDir() || !child.record().inShadow()) {
            return false;
        }
        return copies.attributes(child).nlink() <= 1;
    }

    /**
     * Unbinds {@code name} from {@code dir} and forgets {@code child} in the tables, and queues the
     * shadow REMOVE. The caller holds the namespace lock, checked {@link #canRemove}, and drained
     * the file's queued writes.
     */
    public void remove(Slot slot, Resolved dir, FileHandle dirFh, Filename name, Resolved child, FileData data) {
        boolean onMain = main.has(dir, name);
        slot.use();
        NonBlocking.sideEffects();
        long intent = intents.begin(Intent.removeBehind(child.id(), dir.id(), name.bytes()));
        byte[] known = child.record().shadowHandle();
        names.unbind(dir, name, onMain);
        objects.remove(child.id());
        data.forget(child.id());
        shadow.expectChange(dirFh);
        shadow.inOrder(dirFh, name, () -> {
            try {
                crash.reach("remove-behind-before-shadow");
                shadow.remove(dirFh, name);
                crash.reach("remove-behind-after-shadow");
            } catch (NfsException e) {
                if (e.status() != Nfs3Status.NOENT) {
                    LOG.warn("shadow REMOVE of '{}' failed after the reply ({}); the shadow keeps it as an orphan",
                            name, e.getMessage());
                }
            } finally {
                if (known.length > 0) {
                    shadow.forget(FileHandle.of(known));
                }
                intents.done(intent);
                slot.release();
            }
        });
    }

    /** The queued CREATE: made in the shadow, its handle recorded, waiters woken. */
    private void land(Slot slot, long id, long dirId, FileHandle dirFh, Filename name, NewFile file, long intent) {
        try {
            crash.reach("create-behind-before-shadow");
            FileHandle fh = make(copyUp, shadow, dirFh, name, file);
            crash.reach("create-behind-after-shadow");
            objects.update(id, r -> r.has(ObjectRecord.FLAG_SHADOW_PENDING) ? r.withShadowHandle(fh.bytes()) : r);
            copies.pending().made(id, fh);
            intents.done(intent);
        } catch (RuntimeException e) {
            LOG.error("shadow CREATE of '{}' failed after the reply; dropping the file", name, e);
            copies.pending().failed(id, e instanceof NfsException n ? n
                    : new NfsException(Nfs3Status.IO, "shadow CREATE failed: " + e.getMessage()));
            dropper.execute(() -> drop(id, dirId, name, intent));
        } finally {
            slot.release();
        }
    }

    /** Creates {@code name} in shadow directory {@code dirFh} as {@code file} says (orphans of that name replaced). */
    static FileHandle make(CopyUp copyUp, Shadow shadow, FileHandle dirFh, Filename name, NewFile file) {
        Sattr3 attrs = file.sattr();
        return copyUp.createInShadow(dirFh, name, () -> shadow.create(dirFh, name, attrs).object(), false);
    }

    private void drop(long id, long dirId, Filename name, long intent) {
        namespace.lock();
        try {
            Optional<NameEntry> bound = names.bound(dirId, name);
            if (bound.isPresent() && !bound.get().isWhiteout() && bound.get().childId() == id) {
                names.unbind(handles.reload(dirId), name);
            }
            objects.remove(id);
        } finally {
            namespace.unlock();
        }
        intents.done(intent);
    }

    /** A reserved place in the queue of shadow changes. */
    public final class Slot implements AutoCloseable {
        private final boolean usable;
        private boolean used;
        private boolean released;

        private Slot(boolean usable) {
            this.usable = usable;
        }

        /** Whether write-behind is on (the change may be queued). */
        public boolean usable() {
            return usable;
        }

        void use() {
            if (!usable || used) {
                throw new IllegalStateException("slot not usable");
            }
            used = true;
        }

        synchronized void release() {
            if (usable && !released) {
                released = true;
                slots.release();
            }
        }

        /** Gives the place back unless a queued change holds it (that change gives it back when made). */
        @Override
        public void close() {
            if (!used) {
                release();
            }
        }
    }

    /**
     * The attributes of a file created behind, which its intent keeps for recovery. Encoding
     * (big-endian, 20 bytes): {@code mode (u32) | uid (u32) | gid (u32) | time seconds (u32) |
     * time nanoseconds (u32)}; the time is the file's atime, mtime and predicted ctime.
     */
    record NewFile(int mode, int uid, int gid, NfsTime3 time) {
        byte[] encode() {
            return ByteBuffer.allocate(20).putInt(mode).putInt(uid).putInt(gid).putInt(time.seconds())
                    .putInt(time.nseconds()).array();
        }

        static NewFile decode(byte[] bytes) {
            if (bytes.length != 20) {
                throw new IllegalArgumentException("new-file attributes of " + bytes.length + " bytes, not 20");
            }
            ByteBuffer in = ByteBuffer.wrap(bytes);
            return new NewFile(in.getInt(), in.getInt(), in.getInt(), new NfsTime3(in.getInt(), in.getInt()));
        }

        /** What the shadow CREATE sets: everything explicit, so its result is known in advance. */
        Sattr3 sattr() {
            SetTime t = new SetTime(TimeHow.SET_TO_CLIENT_TIME, time);
            return new Sattr3(mode, uid, gid, null, t, t);
        }

        /** The attributes the file will have once created (fsid and fileid are virtualized later). */
        Fattr3 attributes() {
            return new Fattr3(FileType.REG, mode, 1, uid, gid, 0, 0, new SpecData3(0, 0), 0, 0, time, time, time);
        }
    }
}
