package io.rowfs.proxy.store;

import io.rowfs.proxy.threading.Await;
import io.rowfs.proxy.threading.NonBlocking;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.rowfs.protocol.nfs3.CommitArgs;
import io.rowfs.protocol.nfs3.CommitResult;
import io.rowfs.protocol.nfs3.CreateArgs;
import io.rowfs.protocol.nfs3.CreateHow;
import io.rowfs.protocol.nfs3.CreateMode;
import io.rowfs.protocol.nfs3.NewObjectResult;
import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.FileType;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.FsinfoArgs;
import io.rowfs.protocol.nfs3.FsinfoResult;
import io.rowfs.protocol.nfs3.FsstatArgs;
import io.rowfs.protocol.nfs3.FsstatResult;
import io.rowfs.protocol.nfs3.GetattrArgs;
import io.rowfs.protocol.nfs3.GetattrResult;
import io.rowfs.protocol.nfs3.LinkArgs;
import io.rowfs.protocol.nfs3.LinkResult;
import io.rowfs.protocol.nfs3.LookupArgs;
import io.rowfs.protocol.nfs3.LookupResult;
import io.rowfs.protocol.nfs3.MkdirArgs;
import io.rowfs.protocol.nfs3.MknodArgs;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsPath;
import io.rowfs.protocol.nfs3.ReadArgs;
import io.rowfs.protocol.nfs3.ReadResult;
import io.rowfs.protocol.nfs3.ReadlinkArgs;
import io.rowfs.protocol.nfs3.ReadlinkResult;
import io.rowfs.protocol.nfs3.RemoveArgs;
import io.rowfs.protocol.nfs3.RemoveResult;
import io.rowfs.protocol.nfs3.RenameArgs;
import io.rowfs.protocol.nfs3.RenameResult;
import io.rowfs.protocol.nfs3.RmdirArgs;
import io.rowfs.protocol.nfs3.RmdirResult;
import io.rowfs.protocol.nfs3.Sattr3;
import io.rowfs.protocol.nfs3.SetattrArgs;
import io.rowfs.protocol.nfs3.SetattrResult;
import io.rowfs.protocol.nfs3.SpecData3;
import io.rowfs.protocol.nfs3.StableHow;
import io.rowfs.protocol.nfs3.SymlinkArgs;
import io.rowfs.protocol.nfs3.WriteArgs;
import io.rowfs.protocol.nfs3.WriteResult;
import io.rowfs.protocol.nfs3.PostOpAttr;
import io.rowfs.protocol.nfs3.WccData;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.proxy.threading.SerialQueues;
import java.time.Instant;
import java.util.concurrent.Executor;

/**
 * The shadow as the proxy uses it: a {@link ShadowStore} (NFS or in-process) whose failures become
 * exceptions, whose reported attributes are kept ({@link ShadowAttributes}), and whose name changes
 * can be queued in order. Calls block (worker threads only; on the event loop's fast path they throw
 * {@code WouldBlock} before touching the store) and throw {@link NfsException} with the shadow's
 * status on failure, except LOOKUP, whose NOENT is an ordinary answer.
 *
 * <p>Name changes may be made behind the reply ({@link #inOrder}): they run in order per name (the
 * changes of different names in a directory are independent, so they run in parallel), and every
 * call here that depends on a directory's names (LOOKUP, CREATE, MKDIR, SYMLINK, MKNOD, REMOVE,
 * LINK into it) first waits for that directory's queued changes; RMDIR and RENAME, which involve a
 * second directory, wait for all of them. Queued changes themselves never wait for each other.
 */
public final class Shadow {
    private static final int ATTRIBUTES_CACHED = 200_000;

    private final ShadowStore store;
    private final ShadowAttributes attrs = new ShadowAttributes(ATTRIBUTES_CACHED);
    private final SerialQueues<DirName> byName;

    /** A shadow whose name changes are all made at once (nothing is queued). */
    public Shadow(ShadowStore store) {
        this(store, Runnable::run);
    }

    /** A shadow whose queued name changes ({@link #inOrder}) run on {@code background}. */
    public Shadow(ShadowStore store, Executor background) {
        this.store = store;
        this.byName = new SerialQueues<>(background);
    }

    /**
     * Queues {@code change} of {@code name} in shadow directory {@code dir}: it runs after the
     * changes of that name already queued, and before any later call here that depends on that
     * directory's names.
     */
    public void inOrder(FileHandle dir, Filename name, Runnable change) {
        byName.submit(new DirName(dir, name), change);
    }

    /** Waits until every queued name change has been made. */
    private void settle() {
        byName.drainAll();
    }

    private void settle(FileHandle dir) {
        byName.drainMatching(k -> k.dir().equals(dir));
    }

    private record DirName(FileHandle dir, Filename name) {
    }

    /**
     * Remembers that a change queued in {@code dir} will move its times: the attributes known for it
     * get mtime and ctime advanced to now, so replies show the change before the shadow makes it.
     */
    public void expectChange(FileHandle dir) {
        attrs.expectChange(dir, Instant.now());
    }

    /** Drops what is known of an object's attributes after a change whose reply did not report them. */
    public void forget(FileHandle fh) {
        attrs.forget(fh);
    }

    public FileHandle root() {
        return store.root();
    }

    /** The object's attributes: as last reported by the shadow (see {@link ShadowAttributes}), else asked for. */
    public Fattr3 getattr(FileHandle fh) {
        Fattr3 known = attrs.get(fh);
        return known != null ? known : fetchAttributes(fh);
    }

    /** Whether the object still has a name in the shadow (asked afresh: after a REMOVE of one of its links). */
    public boolean isLinked(FileHandle fh) {
        try {
            return fetchAttributes(fh).nlink() > 0;
        } catch (NfsException gone) {
            return false;
        }
    }

    /** GETATTR sent to the shadow, bypassing what is known (e.g. a link count after REMOVE). */
    public Fattr3 fetchAttributes(FileHandle fh) {
        GetattrResult r = call(() -> store.getattr(new GetattrArgs(fh)));
        if (r.status() == Nfs3Status.STALE) {
            attrs.forget(fh);
        }
        Await.check(r.status(), "shadow GETATTR");
        attrs.offer(fh, r.attributes());
        return r.attributes();
    }

    public void setattr(FileHandle fh, Sattr3 changes) {
        SetattrResult r = call(() -> store.setattr(new SetattrArgs(fh, changes, null)));
        attrs.offer(fh, r.wcc());
        Await.check(r.status(), "shadow SETATTR");
    }

    public LookupResult lookup(FileHandle dir, Filename name) {
        settle(dir);
        LookupResult r = call(() -> store.lookup(new LookupArgs(dir, name)));
        if (r.status().isOk()) {
            attrs.offer(r.object(), r.objAttributes());
        }
        return r;
    }

    public NfsPath readlink(FileHandle fh) {
        ReadlinkResult r = call(() -> store.readlink(new ReadlinkArgs(fh)));
        Await.check(r.status(), "shadow READLINK");
        return r.data();
    }

    /**
     * Reads exactly {@code count} bytes at {@code offset}: what the shadow file holds, then zeros
     * where it is shorter (the logical file may extend past the sparse shadow file). The bytes are
     * the replies' own buffers (no copy); the caller releases the result once.
     */
    public ByteBuf read(FileHandle fh, long offset, int count) {
        ByteBuf first = null;
        CompositeByteBuf joined = null;
        int done = 0;
        try {
            while (done < count) {
                ReadArgs args = new ReadArgs(fh, offset + done, count - done);
                ReadResult r = call(() -> store.read(args));
                boolean last;
                try {
                    Await.check(r.status(), "shadow READ");
                    int got = Math.min(r.data().readableBytes(), count - done);
                    last = r.eof() || got == 0;
                    if (got > 0) {
                        ByteBuf piece = r.data().retainedSlice(r.data().readerIndex(), got);
                        if (first == null) {
                            first = piece;
                        } else {
                            if (joined == null) {
                                joined = ByteBufAllocator.DEFAULT.compositeDirectBuffer(16);
                                joined.addComponent(true, first);
                                first = joined;
                            }
                            joined.addComponent(true, piece);
                        }
                        done += got;
                    }
                } finally {
                    r.release();
                }
                if (last) {
                    break;
                }
            }
            if (done < count) { // past the shadow file's end: zeros
                ByteBuf zeros = ByteBufAllocator.DEFAULT.directBuffer(count - done).writeZero(count - done);
                if (first == null) {
                    first = zeros;
                } else {
                    if (joined == null) {
                        joined = ByteBufAllocator.DEFAULT.compositeDirectBuffer(16);
                        joined.addComponent(true, first);
                        first = joined;
                    }
                    joined.addComponent(true, zeros);
                }
            }
            ByteBuf out = first == null ? Unpooled.EMPTY_BUFFER : first;
            first = null;
            return out;
        } finally {
            if (first != null) {
                first.release();
            }
        }
    }

    /** Writes all of {@code data} at {@code offset}; returns the shadow's reply (count, committed, verifier). */
    public WriteResult write(FileHandle fh, long offset, ByteBuf data, StableHow stable) {
        int count = data.readableBytes();
        WriteResult r = call(() -> store.write(new WriteArgs(fh, offset, count, stable, data)));
        attrs.offer(fh, r.wcc());
        Await.check(r.status(), "shadow WRITE");
        if (r.count() != count) {
            throw new NfsException(Nfs3Status.IO, "shadow WRITE wrote " + r.count() + " of " + count + " bytes");
        }
        return r;
    }

    public WriteResult write(FileHandle fh, long offset, byte[] data, StableHow stable) {
        return write(fh, offset, Unpooled.wrappedBuffer(data), stable);
    }

    public CommitResult commit(FileHandle fh) {
        CommitResult r = call(() -> store.commit(new CommitArgs(fh, 0, 0)));
        attrs.offer(fh, r.wcc());
        Await.check(r.status(), "shadow COMMIT");
        return r;
    }

    /** CREATE GUARDED; EXIST is thrown like any failure. */
    public NewObjectResult create(FileHandle dir, Filename name, Sattr3 attrs) {
        settle(dir);
        NewObjectResult r = call(() -> store.create(new CreateArgs(dir, name, new CreateHow(CreateMode.GUARDED, attrs, null))));
        created(dir, r.status(), r.object(), r.objAttributes(), r.dirWcc());
        Await.check(r.status(), "shadow CREATE");
        return r;
    }

    /** CREATE EXCLUSIVE: the shadow keeps the verifier, so a retransmission succeeds; the result is returned, not checked. */
    public NewObjectResult createExclusive(FileHandle dir, Filename name, io.rowfs.protocol.nfs3.Verifier verifier) {
        settle(dir);
        NewObjectResult r = call(() -> store.create(new CreateArgs(dir, name, CreateHow.exclusive(verifier))));
        created(dir, r.status(), r.object(), r.objAttributes(), r.dirWcc());
        return r;
    }

    public NewObjectResult mkdir(FileHandle dir, Filename name, Sattr3 attrs) {
        settle(dir);
        NewObjectResult r = call(() -> store.mkdir(new MkdirArgs(dir, name, attrs)));
        created(dir, r.status(), r.object(), r.objAttributes(), r.dirWcc());
        Await.check(r.status(), "shadow MKDIR");
        return r;
    }

    public NewObjectResult symlink(FileHandle dir, Filename name, Sattr3 attrs, NfsPath target) {
        settle(dir);
        NewObjectResult r = call(() -> store.symlink(new SymlinkArgs(dir, name, attrs, target)));
        created(dir, r.status(), r.object(), r.objAttributes(), r.dirWcc());
        Await.check(r.status(), "shadow SYMLINK");
        return r;
    }

    public NewObjectResult mknod(FileHandle dir, Filename name, FileType type, Sattr3 attrs, SpecData3 spec) {
        settle(dir);
        NewObjectResult r = call(() -> store.mknod(new MknodArgs(dir, name, type, attrs, spec)));
        created(dir, r.status(), r.object(), r.objAttributes(), r.dirWcc());
        Await.check(r.status(), "shadow MKNOD");
        return r;
    }

    public void remove(FileHandle dir, Filename name) {
        settle(dir);
        RemoveResult r = call(() -> store.remove(new RemoveArgs(dir, name)));
        attrs.offer(dir, r.wcc());
        Await.check(r.status(), "shadow REMOVE");
    }

    public void rmdir(FileHandle dir, Filename name) {
        settle(); // the removed directory's own queue too
        RmdirResult r = call(() -> store.rmdir(new RmdirArgs(dir, name)));
        attrs.offer(dir, r.wcc());
        Await.check(r.status(), "shadow RMDIR");
    }

    public void rename(FileHandle fromDir, Filename from, FileHandle toDir, Filename to) {
        settle();
        RenameResult r = call(() -> store.rename(new RenameArgs(fromDir, from, toDir, to)));
        attrs.offer(fromDir, r.fromDirWcc());
        attrs.offer(toDir, r.toDirWcc());
        Await.check(r.status(), "shadow RENAME");
    }

    public void link(FileHandle file, FileHandle dir, Filename name) {
        settle(dir);
        LinkResult r = call(() -> store.link(new LinkArgs(file, dir, name)));
        attrs.offer(file, r.attributes());
        attrs.offer(dir, r.linkDirWcc());
        Await.check(r.status(), "shadow LINK");
    }

    public FsstatResult fsstat() {
        FsstatResult r = call(() -> store.fsstat(new FsstatArgs(store.root())));
        Await.check(r.status(), "shadow FSSTAT");
        return r;
    }

    public FsinfoResult fsinfo() {
        FsinfoResult r = call(() -> store.fsinfo(new FsinfoArgs(store.root())));
        Await.check(r.status(), "shadow FSINFO");
        return r;
    }

    /** Learns what a CREATE/MKDIR/SYMLINK/MKNOD reply reports: the new object's and the directory's attributes. */
    private void created(FileHandle dir, Nfs3Status status, FileHandle object, PostOpAttr objAttributes, WccData dirWcc) {
        attrs.offer(dir, dirWcc);
        if (status.isOk() && object != null) {
            attrs.offer(object, objAttributes);
        }
    }

    /** Every store call may block: on the event loop's fast path it moves the procedure to a worker first. */
    private static <T> T call(java.util.function.Supplier<T> storeCall) {
        NonBlocking.check();
        return storeCall.get();
    }
}
