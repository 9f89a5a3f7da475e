package io.rowfs.proxy.server;

import io.rowfs.protocol.nfs3.*;
import io.rowfs.proxy.backend.NonBlocking;
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
 * The proxy's {@link Nfs3Service}: each call leaves the event loop for a worker thread (procedures
 * block on Chronicle Map, the cache and the back ends) and goes to the class holding that
 * procedure's logic; failures are mapped to statuses by {@link Errors} alone.
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

    private <R> CompletionStage<R> run(String procedure, Supplier<R> call) {
        metrics.clientCall(procedure);
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
        return run("GETATTR", () -> attrs.getattr(ctx, args));
    }

    @Override
    public CompletionStage<SetattrResult> setattr(NfsContext ctx, SetattrArgs args) {
        return run("SETATTR", () -> attrs.setattr(ctx, args));
    }

    @Override
    public CompletionStage<LookupResult> lookup(NfsContext ctx, LookupArgs args) {
        return run("LOOKUP", () -> lookups.lookup(ctx, args));
    }

    @Override
    public CompletionStage<AccessResult> access(NfsContext ctx, AccessArgs args) {
        return run("ACCESS", () -> attrs.access(ctx, args));
    }

    @Override
    public CompletionStage<ReadlinkResult> readlink(NfsContext ctx, ReadlinkArgs args) {
        return run("READLINK", () -> lookups.readlink(ctx, args));
    }

    /**
     * READ first runs on the event loop that decoded it: data in the main-data cache (memory or
     * disk) is answered there without a thread hand-off; anything that would wait (a fetch from
     * main, a back-end call) throws {@link NonBlocking.WouldBlock} before waiting, and the call
     * moves to a worker. READ has no side effects that a re-run could repeat (readahead requests
     * are deduplicated).
     */
    @Override
    public CompletionStage<ReadResult> read(NfsContext ctx, ReadArgs args) {
        metrics.clientCall("READ");
        try {
            return CompletableFuture.completedFuture(NonBlocking.attempt(() -> data.read(ctx, args)));
        } catch (NonBlocking.WouldBlock e) {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return data.read(ctx, args);
                } catch (RuntimeException failure) {
                    throw Errors.map("READ", failure);
                }
            }, workers);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(Errors.map("READ", e));
        }
    }

    /**
     * WRITE starts on the event loop like READ; it moves to a worker only if something would wait
     * before the shadow WRITE is sent (a back-end GETATTR, a contended object lock, a file that
     * needs blocks completed from main). The reply is sent when the shadow answers, from whichever
     * thread completes the shadow's future: no thread waits for it.
     */
    @Override
    public CompletionStage<WriteResult> write(NfsContext ctx, WriteArgs args) {
        metrics.clientCall("WRITE");
        CompletableFuture<WriteResult> started;
        try {
            started = NonBlocking.attempt(() -> data.write(ctx, args));
        } catch (NonBlocking.WouldBlock e) {
            started = CompletableFuture.supplyAsync(() -> data.write(ctx, args), workers).thenCompose(f -> f);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(Errors.map("WRITE", e));
        }
        return mapped("WRITE", started);
    }

    /** {@code stage}'s failures mapped to statuses by {@link Errors}. */
    private static <R> CompletionStage<R> mapped(String procedure, CompletableFuture<R> stage) {
        return stage.handle((result, error) -> {
            if (error == null) {
                return result;
            }
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            if (cause instanceof RuntimeException r) {
                throw Errors.map(procedure, r);
            }
            throw new java.util.concurrent.CompletionException(cause);
        });
    }

    @Override
    public CompletionStage<CreateResult> create(NfsContext ctx, CreateArgs args) {
        return once(ctx, Nfs3Procedure.CREATE.number(), "CREATE", () -> creates.create(ctx, args));
    }

    @Override
    public CompletionStage<MkdirResult> mkdir(NfsContext ctx, MkdirArgs args) {
        return once(ctx, Nfs3Procedure.MKDIR.number(), "MKDIR", () -> creates.mkdir(ctx, args));
    }

    @Override
    public CompletionStage<SymlinkResult> symlink(NfsContext ctx, SymlinkArgs args) {
        return once(ctx, Nfs3Procedure.SYMLINK.number(), "SYMLINK", () -> creates.symlink(ctx, args));
    }

    @Override
    public CompletionStage<MknodResult> mknod(NfsContext ctx, MknodArgs args) {
        return once(ctx, Nfs3Procedure.MKNOD.number(), "MKNOD", () -> creates.mknod(ctx, args));
    }

    @Override
    public CompletionStage<RemoveResult> remove(NfsContext ctx, RemoveArgs args) {
        return once(ctx, Nfs3Procedure.REMOVE.number(), "REMOVE", () -> removes.remove(ctx, args));
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
        return run("READDIR", () -> dirs.readdir(ctx, args));
    }

    @Override
    public CompletionStage<ReaddirplusResult> readdirplus(NfsContext ctx, ReaddirplusArgs args) {
        return run("READDIRPLUS", () -> dirs.readdirplus(ctx, args));
    }

    @Override
    public CompletionStage<FsstatResult> fsstat(NfsContext ctx, FsstatArgs args) {
        return run("FSSTAT", () -> fsOps.fsstat(ctx, args));
    }

    @Override
    public CompletionStage<FsinfoResult> fsinfo(NfsContext ctx, FsinfoArgs args) {
        return run("FSINFO", () -> fsOps.fsinfo(ctx, args));
    }

    @Override
    public CompletionStage<PathconfResult> pathconf(NfsContext ctx, PathconfArgs args) {
        return run("PATHCONF", () -> fsOps.pathconf(ctx, args));
    }

    @Override
    public CompletionStage<CommitResult> commit(NfsContext ctx, CommitArgs args) {
        return run("COMMIT", () -> data.commit(ctx, args));
    }
}
