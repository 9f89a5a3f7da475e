package io.rowfs.protocol.nfs3;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An {@link Nfs3Service} for dispatcher and client tests: every procedure records its context
 * and arguments and answers with {@link #answer}, by default NFS3ERR_NOTSUPP. Not a file system.
 */
final class StubService implements Nfs3Service {
    /** How the stub answers a call. */
    @FunctionalInterface
    interface Answer {
        CompletionStage<? extends Nfs3Result> answer(NfsContext ctx, Nfs3Args args);
    }

    volatile Answer answer = (ctx, args) ->
            CompletableFuture.failedFuture(new NfsException(Nfs3Status.NOTSUPP));
    volatile NfsContext lastContext;
    volatile Nfs3Args lastArgs;

    @SuppressWarnings("unchecked")
    private <R extends Nfs3Result> CompletionStage<R> answer(NfsContext ctx, Nfs3Args args) {
        lastContext = ctx;
        lastArgs = args;
        return (CompletionStage<R>) answer.answer(ctx, args);
    }

    @Override
    public CompletionStage<GetattrResult> getattr(NfsContext ctx, GetattrArgs args) {
        return answer(ctx, args);
    }

    @Override
    public CompletionStage<SetattrResult> setattr(NfsContext ctx, SetattrArgs args) {
        return answer(ctx, args);
    }

    @Override
    public CompletionStage<LookupResult> lookup(NfsContext ctx, LookupArgs args) {
        return answer(ctx, args);
    }

    @Override
    public CompletionStage<AccessResult> access(NfsContext ctx, AccessArgs args) {
        return answer(ctx, args);
    }

    @Override
    public CompletionStage<ReadlinkResult> readlink(NfsContext ctx, ReadlinkArgs args) {
        return answer(ctx, args);
    }

    @Override
    public CompletionStage<ReadResult> read(NfsContext ctx, ReadArgs args) {
        return answer(ctx, args);
    }

    @Override
    public CompletionStage<WriteResult> write(NfsContext ctx, WriteArgs args) {
        return answer(ctx, args);
    }

    @Override
    public CompletionStage<NewObjectResult> create(NfsContext ctx, CreateArgs args) {
        return answer(ctx, args);
    }

    @Override
    public CompletionStage<NewObjectResult> mkdir(NfsContext ctx, MkdirArgs args) {
        return answer(ctx, args);
    }

    @Override
    public CompletionStage<NewObjectResult> symlink(NfsContext ctx, SymlinkArgs args) {
        return answer(ctx, args);
    }

    @Override
    public CompletionStage<NewObjectResult> mknod(NfsContext ctx, MknodArgs args) {
        return answer(ctx, args);
    }

    @Override
    public CompletionStage<RemoveResult> remove(NfsContext ctx, RemoveArgs args) {
        return answer(ctx, args);
    }

    @Override
    public CompletionStage<RmdirResult> rmdir(NfsContext ctx, RmdirArgs args) {
        return answer(ctx, args);
    }

    @Override
    public CompletionStage<RenameResult> rename(NfsContext ctx, RenameArgs args) {
        return answer(ctx, args);
    }

    @Override
    public CompletionStage<LinkResult> link(NfsContext ctx, LinkArgs args) {
        return answer(ctx, args);
    }

    @Override
    public CompletionStage<ReaddirResult> readdir(NfsContext ctx, ReaddirArgs args) {
        return answer(ctx, args);
    }

    @Override
    public CompletionStage<ReaddirplusResult> readdirplus(NfsContext ctx, ReaddirplusArgs args) {
        return answer(ctx, args);
    }

    @Override
    public CompletionStage<FsstatResult> fsstat(NfsContext ctx, FsstatArgs args) {
        return answer(ctx, args);
    }

    @Override
    public CompletionStage<FsinfoResult> fsinfo(NfsContext ctx, FsinfoArgs args) {
        return answer(ctx, args);
    }

    @Override
    public CompletionStage<PathconfResult> pathconf(NfsContext ctx, PathconfArgs args) {
        return answer(ctx, args);
    }

    @Override
    public CompletionStage<CommitResult> commit(NfsContext ctx, CommitArgs args) {
        return answer(ctx, args);
    }
}
