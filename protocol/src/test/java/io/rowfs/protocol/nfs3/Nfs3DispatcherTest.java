package io.rowfs.protocol.nfs3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import io.rowfs.protocol.xdr.XdrException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Every failure becomes the right per-procedure failure result, in one place. */
class Nfs3DispatcherTest {
    private final StubService service = new StubService();
    private final Nfs3Dispatcher dispatcher = new Nfs3Dispatcher(service);
    private final NfsContext ctx = NfsContext.authSys(7, null, "host", 1000, 100, 4, 5);

    private <A extends Nfs3Args, R extends Nfs3Result> R dispatch(Nfs3Procedure<A, R> proc,
            Consumer<XdrEncoder> args) {
        ByteBuf buf = Unpooled.buffer();
        try {
            args.accept(new XdrEncoder(buf));
            return dispatcher.dispatch(proc, new XdrDecoder(buf), ctx).toCompletableFuture().join();
        } finally {
            buf.release();
        }
    }

    @Test
    void aSixtyFiveByteHandleIsAnsweredWithBadHandleAndTheServiceIsNotCalled() {
        LookupResult r = dispatch(Nfs3Procedure.LOOKUP, out -> {
            out.writeOpaque(new byte[65]);
            Filename.of("x").encode(out);
        });
        assertEquals(LookupResult.fail(Nfs3Status.BADHANDLE, PostOpAttr.ABSENT), r);
        assertNull(service.lastArgs);
    }

    @Test
    void aLongNameIsAnsweredWithNameTooLongInTheProceduresFailureBody() {
        NewObjectResult r = dispatch(Nfs3Procedure.CREATE, out -> {
            Nfs3Samples.handle().encode(out);
            out.writeOpaque(new byte[256]);
        });
        assertEquals(NewObjectResult.fail(Nfs3Status.NAMETOOLONG, WccData.EMPTY), r);
    }

    @Test
    void malformedArgumentsAreThrownForGarbageArgs() {
        assertThrows(XdrException.class, () -> dispatch(Nfs3Procedure.READ, out -> out.writeInt(4)));
    }

    @Test
    void nfsExceptionCarriesItsWccIntoTheFailureBody() {
        service.answer = (c, a) -> {
            throw new NfsException(Nfs3Status.NOSPC).withWcc(Nfs3Samples.wcc());
        };
        WriteResult r = dispatch(Nfs3Procedure.WRITE, out ->
                WriteArgs.of(Nfs3Samples.handle(), 0, StableHow.UNSTABLE, Unpooled.EMPTY_BUFFER)
                        .encode(out));
        assertEquals(WriteResult.fail(Nfs3Status.NOSPC, Nfs3Samples.wcc()), r);
    }

    @Test
    void exceptionalCompletionWithAWrappedNfsExceptionKeepsItsStatusAndAttributes() {
        service.answer = (c, a) -> CompletableFuture.failedFuture(new CompletionException(
                new NfsException(Nfs3Status.ACCES).withAttributes(Nfs3Samples.attrs())));
        AccessResult r = dispatch(Nfs3Procedure.ACCESS,
                out -> new AccessArgs(Nfs3Samples.handle(), Access.READ).encode(out));
        assertEquals(AccessResult.fail(Nfs3Status.ACCES, Nfs3Samples.attrs()), r);
    }

    @Test
    void unexpectedExceptionsAndNullResultsAreServerFault() {
        service.answer = (c, a) -> {
            throw new IllegalStateException("bug");
        };
        assertEquals(Nfs3Status.SERVERFAULT, dispatch(Nfs3Procedure.FSSTAT,
                out -> Nfs3Samples.handle().encode(out)).status());
        service.answer = (c, a) -> CompletableFuture.failedFuture(new ArithmeticException());
        assertEquals(Nfs3Status.SERVERFAULT, dispatch(Nfs3Procedure.RENAME,
                out -> new RenameArgs(Nfs3Samples.handle(), Filename.of("a"), Nfs3Samples.handle(),
                        Filename.of("b")).encode(out)).status());
        service.answer = (c, a) -> CompletableFuture.completedFuture(null);
        assertEquals(Nfs3Status.SERVERFAULT, dispatch(Nfs3Procedure.GETATTR,
                out -> Nfs3Samples.handle().encode(out)).status());
        service.answer = (c, a) -> null;
        assertEquals(Nfs3Status.SERVERFAULT, dispatch(Nfs3Procedure.COMMIT,
                out -> new CommitArgs(Nfs3Samples.handle(), 0, 0).encode(out)).status());
    }

    @Test
    void writeDataStaysValidUntilTheServiceCompletesAndIsThenReleased() {
        AtomicReference<ByteBuf> seen = new AtomicReference<>();
        CompletableFuture<WriteResult> pending = new CompletableFuture<>();
        service.answer = (c, a) -> {
            seen.set(((WriteArgs) a).data());
            return pending;
        };
        ByteBuf wire = Unpooled.buffer();
        WriteArgs.of(Nfs3Samples.handle(), 0, StableHow.FILE_SYNC, Nfs3Samples.data(100))
                .encode(new XdrEncoder(wire));
        var stage = dispatcher.dispatch(Nfs3Procedure.WRITE, new XdrDecoder(wire), ctx);
        wire.release();
        assertEquals(1, seen.get().refCnt(), "still held while the service works");
        WriteResult ok = WriteResult.ok(WccData.EMPTY, 100, StableHow.FILE_SYNC, new Verifier(1));
        pending.complete(ok);
        assertEquals(ok, stage.toCompletableFuture().join());
        assertEquals(0, seen.get().refCnt(), "released once the service completed");
    }

    @Test
    void theContextReachesTheService() {
        dispatch(Nfs3Procedure.GETATTR, out -> Nfs3Samples.handle().encode(out));
        assertEquals(1000, service.lastContext.uid());
        assertTrue(service.lastContext.isAuthSys());
    }
}
