package io.rowfs.protocol.nfs3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class Nfs3RoutesTest {
    private final NfsContext ctx = NfsContext.anonymous(1, new InetSocketAddress("127.0.0.1", 1));
    private final List<String> ran = new ArrayList<>();

    /** A runner that notes which procedure it ran and runs the handler at once. */
    private <A extends Nfs3Args, R extends Nfs3Result> CompletionStage<R> noting(Nfs3Procedure<A, R> proc,
            NfsContext c, A args, Nfs3Routes.Handler<A, R> handler) {
        ran.add(proc.name());
        return CompletableFuture.completedFuture(handler.handle(c, args));
    }

    /** A builder with every procedure routed to a NOTSUPP failure except those the test routes itself. */
    private static Nfs3Routes.Builder allBut(Nfs3Procedure<?, ?>... except) {
        Nfs3Routes.Builder b = Nfs3Routes.builder();
        for (Nfs3Procedure<?, ?> p : Nfs3Procedure.all()) {
            if (!List.of(except).contains(p)) {
                routeToFailure(b, p);
            }
        }
        return b;
    }

    private static <A extends Nfs3Args, R extends Nfs3Result> void routeToFailure(Nfs3Routes.Builder b,
            Nfs3Procedure<A, R> p) {
        b.route(p, (c, a) -> CompletableFuture.failedFuture(new NfsException(Nfs3Status.NOTSUPP)));
    }

    @Test
    void theTableHasTheTwentyOneProceduresInNumberOrder() {
        assertEquals(21, Nfs3Procedure.all().size());
        for (int i = 0; i < 21; i++) {
            assertSame(Nfs3Procedure.byNumber(i + 1), Nfs3Procedure.all().get(i));
        }
    }

    @Test
    void eachCallGoesToItsProceduresRouteAndRunner() throws Exception {
        GetattrResult answer = GetattrResult.fail(Nfs3Status.STALE);
        Nfs3Routes routes = allBut(Nfs3Procedure.GETATTR, Nfs3Procedure.READLINK)
                .route(Nfs3Procedure.GETATTR, this::noting, (c, a) -> answer)
                .route(Nfs3Procedure.READLINK, (c, a) -> CompletableFuture.completedFuture(
                        ReadlinkResult.fail(Nfs3Status.ACCES, PostOpAttr.ABSENT)))
                .build();
        GetattrArgs args = new GetattrArgs(FileHandle.of(new byte[] {1}));
        assertSame(answer, routes.call(Nfs3Procedure.GETATTR, ctx, args).toCompletableFuture().get());
        assertEquals(List.of("GETATTR"), ran);
        assertEquals(Nfs3Status.ACCES, routes.call(Nfs3Procedure.READLINK, ctx,
                new ReadlinkArgs(FileHandle.of(new byte[] {2}))).toCompletableFuture().get().status());
        assertTrue(routes.call(Nfs3Procedure.COMMIT, ctx, null).toCompletableFuture().isCompletedExceptionally());
    }

    @Test
    void aMissingOrDoubleRouteIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> allBut(Nfs3Procedure.MKNOD, Nfs3Procedure.COMMIT).build());
        assertEquals("no route for [MKNOD, COMMIT]", e.getMessage());
        assertThrows(IllegalStateException.class, () -> routeToFailure(allBut(), Nfs3Procedure.LINK));
    }
}
