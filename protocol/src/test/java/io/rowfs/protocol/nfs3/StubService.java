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
    public <A extends Nfs3Args, R extends Nfs3Result> CompletionStage<R> call(Nfs3Procedure<A, R> proc,
            NfsContext ctx, A args) {
        return answer(ctx, args);
    }
}
