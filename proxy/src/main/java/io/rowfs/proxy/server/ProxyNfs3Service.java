package io.rowfs.proxy.server;

import static io.rowfs.protocol.nfs3.Nfs3Procedure.*;

import io.rowfs.protocol.nfs3.Nfs3Args;
import io.rowfs.protocol.nfs3.Nfs3Procedure;
import io.rowfs.protocol.nfs3.Nfs3Result;
import io.rowfs.protocol.nfs3.Nfs3Routes;
import io.rowfs.protocol.nfs3.Nfs3Service;
import io.rowfs.protocol.nfs3.NfsContext;
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
 * back end; the others always run on a worker thread (they block on the back ends). One
 * {@link Nfs3Routes} table gives each procedure its threading and the class holding its logic;
 * failures are mapped to statuses by {@link Errors} alone.
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
    private final Nfs3Routes routes;

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
        this.routes = Nfs3Routes.builder()
                .route(GETATTR, this::fast, attrs::getattr)
                .route(SETATTR, this::run, attrs::setattr)
                .route(LOOKUP, this::fast, lookups::lookup)
                .route(ACCESS, this::fast, attrs::access)
                .route(READLINK, this::fast, lookups::readlink)
                // READ: data in the main-data cache (memory or disk) is answered on the event loop; a
                // fetch from main or a shadow read moves it to a worker. A re-run repeats no side
                // effect (readahead requests are deduplicated).
                .route(READ, this::fast, data::read)
                // WRITE runs on a worker, which sends the shadow WRITE over its own blocking
                // connection: measured faster than an event-loop start with an asynchronous shadow
                // WRITE (the pipelined client's sends cost the shadow several times the CPU per MiB).
                .route(WRITE, this::run, data::write)
                .route(CREATE, this::onceFast, creates::create)
                .route(MKDIR, this::once, creates::mkdir)
                .route(SYMLINK, this::once, creates::symlink)
                .route(MKNOD, this::once, creates::mknod)
                .route(REMOVE, this::onceFast, removes::remove)
                .route(RMDIR, this::once, removes::rmdir)
                .route(RENAME, this::once, renames::rename)
                .route(LINK, this::once, renames::link)
                .route(READDIR, this::fast, dirs::readdir)
                .route(READDIRPLUS, this::fast, dirs::readdirplus)
                .route(FSSTAT, this::fast, fsOps::fsstat)
                .route(FSINFO, this::fast, fsOps::fsinfo)
                .route(PATHCONF, this::fast, fsOps::pathconf)
                .route(COMMIT, this::run, data::commit)
                .build();
    }

    /** A non-idempotent procedure: retransmissions get the first execution's answer. */
    private <A extends Nfs3Args, R extends Nfs3Result> CompletionStage<R> once(Nfs3Procedure<A, R> proc,
            NfsContext ctx, A args, Nfs3Routes.Handler<A, R> handler) {
        return replies.run(ctx, proc.number(), () -> run(proc, ctx, args, handler));
    }

    /**
     * A non-idempotent procedure that may finish on the event loop: it waits for nothing before its
     * point of no return ({@link NonBlocking#sideEffects}), else it moves to a worker first.
     */
    private <A extends Nfs3Args, R extends Nfs3Result> CompletionStage<R> onceFast(Nfs3Procedure<A, R> proc,
            NfsContext ctx, A args, Nfs3Routes.Handler<A, R> handler) {
        return replies.run(ctx, proc.number(), () -> fast(proc, ctx, args, handler));
    }

    /**
     * A read-only procedure: answered right here on the event loop when everything it needs is
     * known locally (metadata, caches); moved to a worker when it would wait ({@link NonBlocking}).
     */
    private <A extends Nfs3Args, R extends Nfs3Result> CompletionStage<R> fast(Nfs3Procedure<A, R> proc,
            NfsContext ctx, A args, Nfs3Routes.Handler<A, R> handler) {
        metrics.clientCall(proc.name());
        return attempt(proc.name(), () -> handler.handle(ctx, args), MAX_RESUMES);
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

    /** A procedure that always runs on a worker thread (it blocks on the back ends). */
    private <A extends Nfs3Args, R extends Nfs3Result> CompletionStage<R> run(Nfs3Procedure<A, R> proc,
            NfsContext ctx, A args, Nfs3Routes.Handler<A, R> handler) {
        metrics.clientCall(proc.name());
        return onWorker(proc.name(), () -> handler.handle(ctx, args));
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
    public <A extends Nfs3Args, R extends Nfs3Result> CompletionStage<R> call(Nfs3Procedure<A, R> proc,
            NfsContext ctx, A args) {
        return routes.call(proc, ctx, args);
    }
}
