package io.rowfs.proxy.server;

import io.rowfs.protocol.nfs3.*;
import io.rowfs.proxy.engine.ProxyMetrics;
import io.rowfs.proxy.threading.NonBlocking;
import io.rowfs.proxy.ops.AttrOps;
import io.rowfs.proxy.ops.CreateOps;
import io.rowfs.proxy.ops.DataOps;
import io.rowfs.proxy.ops.DirOps;
import io.rowfs.proxy.ops.FsOps;
import io.rowfs.proxy.ops.LookupOps;
import io.rowfs.proxy.ops.ProxyFs;
import io.rowfs.proxy.ops.RemoveOps;
import io.rowfs.proxy.ops.RenameOps;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The proxy's {@link Nfs3Service}: read-only procedures, and CREATE and REMOVE (made behind the
 * reply), are first tried on the event loop and move to a worker only when they would wait for a
 * back end; the others always run on a worker thread (they block on the back ends). Each goes to the class holding that procedure's logic; failures
 * are mapped to statuses by {@link Errors} alone.
 */
public final class ProxyNfs3Service implements Nfs3Service {
    private final ExecutorService workers;
    private final ProxyMetrics metrics;
    private final AttrOps attrs;
    private final LookupOps lookups;
    private final DataOps data;
    private final DirOps dirs;
    private final CreateOps creates;
    private final RemoveOps removes;
    private final RenameOps renames;
    private final FsOps fsOps;
    /** Non-blocking attempts of one call resumed after a fetch before it moves to a worker (one per chunk of a 1 MiB READ). */
    private static final int MAX_RESUMES = 4;
    private final ReplyCache replies = new ReplyCache(java.time.Clock.systemUTC(), java.time.Duration.ofMinutes(2), 8192);

    public ProxyNfs3Service(ProxyFs fs, ExecutorService workers) {
        this(fs, workers, new ProxyMetrics());
    }

    public ProxyNfs3Service(ProxyFs fs, ExecutorService workers, ProxyMetrics metrics) {
        this.metrics = metrics;
        this.workers = workers;
        this.attrs = new AttrOps(fs);
        this.lookups = new LookupOps(fs);
        this.data = new DataOps(fs);
        this.dirs = new DirOps(fs);
        this.creates = new CreateOps(fs);
        this.removes = new RemoveOps(fs);
        this.renames = new RenameOps(fs);
        this.fsOps = new FsOps(fs);
    }

    /** A non-idempotent procedure: retransmissions get the first execution's answer. */
    private <R> CompletionStage<R> once(NfsContext ctx, int procedure, String name, Supplier<R> call) {
        return replies.run(ctx, procedure, () -> run(name, call));
    }

    /**
     * A non-idempotent procedure that may finish on the event loop: it waits for nothing before its
     * point of no return ({@link NonBlocking#sideEffects}), else it moves to a worker first.
     */
    private <R> CompletionStage<R> onceFast(NfsContext ctx, int procedure, String name, Supplier<R> call) {
        return replies.run(ctx, procedure, () -> fast(name, call));
    }

    /**
     * A read-only procedure: answered right here on the event loop when everything it needs is
     * known locally (metadata, caches); moved to a worker when it would wait ({@link NonBlocking}).
     */
    private <R> CompletionStage<R> fast(String procedure, Supplier<R> call) {
        metrics.clientCall(procedure);
        return attempt(procedure, call, MAX_RESUMES);
    }

    /**
     * One non-blocking attempt; when it would wait for something that said what (a main-data fetch),
     * the next attempt runs on the thread completing that, without a worker; else on a worker.
     */
    private <R> CompletionStage<R> attempt(String procedure, Supplier<R> call, int resumes) {
        try {
            return CompletableFuture.completedFuture(NonBlocking.attempt(call));
        } catch (NonBlocking.WouldBlock e) {
            CompletableFuture<?> pending = NonBlocking.resumeAfter();
            if (pending == null || resumes == 0) {
                return onWorker(procedure, call);
            }
            return pending.handle((v, error) -> null)
                    .thenCompose(v -> attempt(procedure, call, resumes - 1));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(Errors.map(procedure, e));
        }
    }

    private <R> CompletionStage<R> run(String procedure, Supplier<R> call) {
        metrics.clientCall(procedure);
        return onWorker(procedure, call);
    }

    private <R> CompletionStage<R> onWorker(String procedure, Supplier<R> call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call.get();
            } catch (RuntimeException e) {
                throw Errors.map(procedure, e);
            }
        }, workers);
    }

    @Override
    public CompletionStage<GetattrResult> getattr(NfsContext ctx, GetattrArgs args) {
        return fast("GETATTR", () -> attrs.getattr(ctx, args));
    }

    @Override
    public CompletionStage<SetattrResult> setattr(NfsContext ctx, SetattrArgs args) {
        return run("SETATTR", () -> attrs.setattr(ctx, args));
    }

    @Override
    public CompletionStage<LookupResult> lookup(NfsContext ctx, LookupArgs args) {
        return fast("LOOKUP", () -> lookups.lookup(ctx, args));
    }

    @Override
    public CompletionStage<AccessResult> access(NfsContext ctx, AccessArgs args) {
        return fast("ACCESS", () -> attrs.access(ctx, args));
    }

    @Override
    public CompletionStage<ReadlinkResult> readlink(NfsContext ctx, ReadlinkArgs args) {
        return fast("READLINK", () -> lookups.readlink(ctx, args));
    }

    /**
     * READ: data in the main-data cache (memory or disk) is answered on the event loop; a fetch from
     * main or a shadow read moves it to a worker. A re-run repeats no side effect (readahead
     * requests are deduplicated).
     */
    @Override
    public CompletionStage<ReadResult> read(NfsContext ctx, ReadArgs args) {
        return fast("READ", () -> data.read(ctx, args));
    }

    /**
     * WRITE runs on a worker, which sends the shadow WRITE over its own blocking connection: measured
     * faster than an event-loop start with an asynchronous shadow WRITE (the pipelined client's
     * sends cost the shadow several times the CPU per MiB).
     */
    @Override
    public CompletionStage<WriteResult> write(NfsContext ctx, WriteArgs args) {
        return run("WRITE", () -> data.write(ctx, args));
    }

    @Override
    public CompletionStage<NewObjectResult> create(NfsContext ctx, CreateArgs args) {
        return onceFast(ctx, Nfs3Procedure.CREATE.number(), "CREATE", () -> creates.create(ctx, args));
    }

    @Override
    public CompletionStage<NewObjectResult> mkdir(NfsContext ctx, MkdirArgs args) {
        return once(ctx, Nfs3Procedure.MKDIR.number(), "MKDIR", () -> creates.mkdir(ctx, args));
    }

    @Override
    public CompletionStage<NewObjectResult> symlink(NfsContext ctx, SymlinkArgs args) {
        return once(ctx, Nfs3Procedure.SYMLINK.number(), "SYMLINK", () -> creates.symlink(ctx, args));
    }

    @Override
    public CompletionStage<NewObjectResult> mknod(NfsContext ctx, MknodArgs args) {
        return once(ctx, Nfs3Procedure.MKNOD.number(), "MKNOD", () -> creates.mknod(ctx, args));
    }

    @Override
    public CompletionStage<RemoveResult> remove(NfsContext ctx, RemoveArgs args) {
        return onceFast(ctx, Nfs3Procedure.REMOVE.number(), "REMOVE", () -> removes.remove(ctx, args));
    }

    @Override
    public CompletionStage<RmdirResult> rmdir(NfsContext ctx, RmdirArgs args) {
        return once(ctx, Nfs3Procedure.RMDIR.number(), "RMDIR", () -> removes.rmdir(ctx, args));
    }

    @Override
    public CompletionStage<RenameResult> rename(NfsContext ctx, RenameArgs args) {
        return once(ctx, Nfs3Procedure.RENAME.number(), "RENAME", () -> renames.rename(ctx, args));
    }

    @Override
    public CompletionStage<LinkResult> link(NfsContext ctx, LinkArgs args) {
        return once(ctx, Nfs3Procedure.LINK.number(), "LINK", () -> renames.link(ctx, args));
    }

    @Override
    public CompletionStage<ReaddirResult> readdir(NfsContext ctx, ReaddirArgs args) {
        return fast("READDIR", () -> dirs.readdir(ctx, args));
    }

    @Override
    public CompletionStage<ReaddirplusResult> readdirplus(NfsContext ctx, ReaddirplusArgs args) {
        return fast("READDIRPLUS", () -> dirs.readdirplus(ctx, args));
    }

    @Override
    public CompletionStage<FsstatResult> fsstat(NfsContext ctx, FsstatArgs args) {
        return fast("FSSTAT", () -> fsOps.fsstat(ctx, args));
    }

    @Override
    public CompletionStage<FsinfoResult> fsinfo(NfsContext ctx, FsinfoArgs args) {
        return fast("FSINFO", () -> fsOps.fsinfo(ctx, args));
    }

    @Override
    public CompletionStage<PathconfResult> pathconf(NfsContext ctx, PathconfArgs args) {
        return fast("PATHCONF", () -> fsOps.pathconf(ctx, args));
    }

    @Override
    public CompletionStage<CommitResult> commit(NfsContext ctx, CommitArgs args) {
        return run("COMMIT", () -> data.commit(ctx, args));
    }
}
