package io.rowfs.shadow.nfs;

import static io.rowfs.protocol.nfs3.Nfs3Procedure.*;

import io.rowfs.protocol.nfs3.*;
import io.rowfs.shadow.fs.FileAttrs;
import io.rowfs.shadow.fs.HandleCodec;
import io.rowfs.shadow.fs.IoExecutor;
import io.rowfs.shadow.fs.ShadowFs;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * The shadow server's {@link Nfs3Service}: every procedure runs its blocking body on the
 * {@link IoExecutor} stripe of the inode its (first) handle names, so that work on one file or
 * directory keeps its order and nothing blocks the event loop. Failures become
 * {@link NfsException}s through {@link Statuses}. GETATTR, LOOKUP and ACCESS whose answer the
 * {@link AttrCache} holds, and READs that continue a {@link ReadAhead}, are answered on the event
 * loop from memory (no syscall, no hand-off); every changing procedure drops what it changes from
 * both when it is submitted and again when it has run.
 */
public final class ShadowNfs3Service implements Nfs3Service, AutoCloseable {
    /** READs of at least this many bytes trigger read-ahead of the next chunk. */
    static final int READ_AHEAD_MIN = 64 << 10;
    /** How long cached attributes and names are used (see {@link AttrCache}). */
    public static final long ATTR_TTL_MILLIS = 10_000;
    /** Most attributes (and names) cached. */
    static final int ATTR_CACHE_ENTRIES = 1 << 16;

    private final IoExecutor io;
    private final ShadowFs fs;
    private final ShadowContext ctx;
    private final ReadAhead readAhead;
    private final AttrCache cache;
    private final ShadowProcedures procs;
    private final Nfs3Routes routes;

    public ShadowNfs3Service(ShadowFs fs, IoExecutor io, Clock clock) {
        this(fs, io, clock, ATTR_TTL_MILLIS);
    }

    /** {@code attrTtlMillis}: how long cached attributes are used; 0 turns the cache off. */
    public ShadowNfs3Service(ShadowFs fs, IoExecutor io, Clock clock, long attrTtlMillis) {
        this.io = io;
        this.fs = fs;
        this.readAhead = new ReadAhead(64, 500, clock);
        this.cache = new AttrCache(attrTtlMillis, ATTR_CACHE_ENTRIES, clock);
        ShadowContext c = new ShadowContext(fs, cache);
        this.ctx = c;
        ShadowProcedures p = new ShadowProcedures(c);
        this.procs = p;
        this.routes = Nfs3Routes.builder()
                .route(GETATTR, this::getattr)
                .route(SETATTR, (call, a) -> changingObject(a.object(), p.setattrProc, call, a))
                .route(LOOKUP, this::lookup)
                .route(ACCESS, this::access)
                .route(READLINK, (call, a) -> run(a.symlink(), p.readlinkProc, call, a))
                .route(READ, this::read)
                .route(WRITE, (call, a) -> changingObject(a.file(), p.writeProc, call, a))
                .route(CREATE, (call, a) -> changingName(a.dir(), a.name(), p.createProc, call, a, true))
                .route(MKDIR, (call, a) -> changingName(a.dir(), a.name(), p.mkdirProc, call, a, false))
                .route(SYMLINK, (call, a) -> changingName(a.dir(), a.name(), p.symlinkProc, call, a, false))
                .route(MKNOD, (call, a) -> changingName(a.dir(), a.name(), p.mknodProc, call, a, false))
                .route(REMOVE, (call, a) -> changingName(a.dir(), a.name(), p.removeProc, call, a, true))
                .route(RMDIR, (call, a) -> changingName(a.dir(), a.name(), p.rmdirProc, call, a, true))
                // a moved directory moves its subtree; replaced objects go
                .route(RENAME, (call, a) -> runDroppingReadAhead(a.fromDir(), p.renameProc, call, a, true))
                // nlink and ctime of the linked object changed
                .route(LINK, (call, a) -> runDroppingReadAhead(a.dir(), p.linkProc, call, a, true))
                .route(READDIR, (call, a) -> run(a.dir(), p.readdirProc, call, a))
                .route(READDIRPLUS, (call, a) -> run(a.dir(), p.readdirplusProc, call, a))
                .route(FSSTAT, (call, a) -> run(a.root(), p.fsstatProc, call, a))
                .route(FSINFO, (call, a) -> run(a.root(), p.fsinfoProc, call, a))
                .route(PATHCONF, (call, a) -> run(a.object(), p.pathconfProc, call, a))
                .route(COMMIT, (call, a) -> run(a.file(), p.commitProc, call, a))
                .build();
    }

    @Override
    public <A extends Nfs3Args, R extends Nfs3Result> CompletionStage<R> call(Nfs3Procedure<A, R> proc,
            NfsContext ctx, A args) {
        return routes.call(proc, ctx, args);
    }

    /**
     * A change to the entry {@code name} of {@code dir}: the cached name is dropped when the change
     * is submitted, then it runs as {@link #runDroppingReadAhead} (attributes kept) if
     * {@code dropReadAhead} (it may put another inode behind a name), else as {@link #run}.
     */
    private <A, R> CompletionStage<R> changingName(FileHandle dir, Filename name, Procedure<A, R> p, NfsContext ctx,
                                                  A args, boolean dropReadAhead) {
        cache.invalidateName(key(dir), name.toString());
        return dropReadAhead ? runDroppingReadAhead(dir, p, ctx, args, false) : run(dir, p, ctx, args);
    }

    /**
     * Runs a change that may put another inode behind a name: what was read ahead is dropped before
     * it is queued and again after it ran (also what was read ahead while it waited in the queue);
     * so are all cached attributes, both times, if {@code dropAttributes}.
     */
    private <A, R> CompletionStage<R> runDroppingReadAhead(FileHandle h, Procedure<A, R> p, NfsContext ctx, A args,
                                                          boolean dropAttributes) {
        readAhead.invalidateAll();
        if (dropAttributes) {
            cache.invalidateAll();
        }
        return run(h, (c, a) -> {
            try {
                return p.run(c, a);
            } finally {
                readAhead.invalidateAll();
                if (dropAttributes) {
                    cache.invalidateAll();
                }
            }
        }, ctx, args);
    }

    private <A, R> CompletionStage<R> run(FileHandle h, Procedure<A, R> p, NfsContext ctx, A args) {
        return io.submit(key(h), () -> {
            try {
                return p.run(ctx, args);
            } catch (IOException e) {
                throw Statuses.nfs(e);
            }
        });
    }

    /** The inode number inside a well-formed handle (not yet authenticated: only picks a stripe). */
    static long key(FileHandle h) {
        return HandleCodec.inodeOf(h.bytes());
    }

    /** The fresh cached attributes of the object an authentic handle names, else null. No syscall. */
    private FileAttrs cached(FileHandle h) {
        long inode = fs.authenticate(h.bytes());
        return inode < 0 ? null : cache.get(inode);
    }

    /** GETATTR: answered on the event loop from the {@link AttrCache} when it can, else on the stripe. */
    private CompletionStage<GetattrResult> getattr(NfsContext ctx, GetattrArgs args) {
        FileAttrs a = cached(args.object());
        if (a != null) {
            return CompletableFuture.completedFuture(GetattrResult.ok(this.ctx.fattr(a)));
        }
        return run(args.object(), procs.getattrProc, ctx, args);
    }

    /**
     * A change to the object {@code h} names (SETATTR, WRITE): its cached attributes and what was
     * read ahead of it are dropped when it is submitted, and what was read ahead again when it runs.
     */
    private <A, R> CompletionStage<R> changingObject(FileHandle h, Procedure<A, R> p, NfsContext ctx, A args) {
        long inode = key(h);
        readAhead.invalidate(inode);
        cache.invalidate(inode);
        return run(h, (c, a) -> {
            readAhead.invalidate(inode); // a chunk read ahead before this change reached the stripe
            return p.run(c, a);
        }, ctx, args);
    }

    /**
     * LOOKUP: answered on the event loop when the {@link AttrCache} knows the name and its object
     * ("." and ".." always go to the stripe), else on the stripe.
     */
    private CompletionStage<LookupResult> lookup(NfsContext ctx, LookupArgs args) {
        long dir = fs.authenticate(args.dir().bytes());
        if (dir >= 0) {
            long child = cache.child(dir, args.name().toString());
            FileAttrs a = child < 0 ? null : cache.get(child);
            if (a != null) {
                return CompletableFuture.completedFuture(LookupResult.ok(this.ctx.handle(a), this.ctx.postOp(a),
                        this.ctx.postOp(cache.get(dir))));
            }
        }
        return run(args.dir(), procs.lookupProc, ctx, args);
    }

    /** ACCESS: computed on the event loop from cached attributes when it can, else on the stripe. */
    private CompletionStage<AccessResult> access(NfsContext ctx, AccessArgs args) {
        FileAttrs a = cached(args.object());
        if (a != null) {
            return CompletableFuture.completedFuture(AccessResult.ok(this.ctx.postOp(a),
                    fs.access(a, ShadowContext.cred(ctx), args.access())));
        }
        return run(args.object(), procs.accessProc, ctx, args);
    }

    /**
     * READ: answered from the {@link ReadAhead} chunk when the client continues a sequential read
     * (no hand-off, no file-system call on the event loop: the handle is authenticated in memory),
     * else on the I/O executor; either way the next chunk is read ahead.
     */
    private CompletionStage<ReadResult> read(NfsContext ctx, ReadArgs args) {
        long inode = fs.authenticate(args.file().bytes());
        if (inode >= 0) {
            ReadAhead.Chunk c = readAhead.take(inode, args.offset());
            if (c != null) {
                return CompletableFuture.completedFuture(fromChunk(args, inode, c));
            }
        }
        return run(args.file(), procs.readProc, ctx, args).thenApply(r -> {
            if (inode >= 0 && r.status().isOk()) {
                readAheadFrom(args.file(), inode, args.offset() + r.count(), r.count(), r.eof());
            }
            return r;
        });
    }

    private ReadResult fromChunk(ReadArgs args, long inode, ReadAhead.Chunk c) {
        int len = c.data.readableBytes();
        long want = Math.min(Integer.toUnsignedLong(args.count()), ShadowContext.MAX_IO);
        ByteBuf data = c.data;
        boolean eof = c.eof;
        if (want < len) {
            data = c.data.retainedSlice(c.data.readerIndex(), (int) want);
            c.data.release();
            eof = false;
        }
        int n = data.readableBytes();
        readAheadFrom(args.file(), inode, c.offset + n, len, eof);
        return ReadResult.ok(this.ctx.postOp(c.attrs), eof, data);
    }

    /**
     * Reads ahead the {@link ReadAhead#DEPTH} chunks of {@code count} bytes that follow
     * {@code offset}, each on the file's stripe (so after any WRITE already queued for it).
     */
    private void readAheadFrom(FileHandle h, long inode, long offset, int count, boolean eof) {
        if (eof || count < READ_AHEAD_MIN) {
            return;
        }
        for (int i = 0; i < ReadAhead.DEPTH; i++) {
            ReadAhead.Key key = new ReadAhead.Key(inode, offset + (long) i * count);
            if (!readAhead.claim(key)) {
                continue;
            }
            try {
                io.submit(inode, () -> readAheadChunk(h, key, count));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                readAhead.abandon(key); // shutting down
                return;
            }
        }
    }

    private Void readAheadChunk(FileHandle h, ReadAhead.Key key, int count) {
        try {
            ShadowFs.Node n = fs.node(h.bytes());
            if (!n.attrs().isRegular() || key.offset() >= n.attrs().size()) {
                readAhead.abandon(key);
                return null;
            }
            ShadowFs.ReadResult r = fs.read(n, key.offset(), count, PooledByteBufAllocator.DEFAULT);
            readAhead.put(key, new ReadAhead.Chunk(key.offset(), r.data(), r.eof(), r.attrs(), readAhead.expiry()));
        } catch (IOException | RuntimeException e) {
            readAhead.abandon(key); // the client's own READ will report the problem
        }
        return null;
    }

    @Override
    public void close() {
        readAhead.close();
    }
}
