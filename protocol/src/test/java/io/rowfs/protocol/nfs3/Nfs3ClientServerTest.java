package io.rowfs.protocol.nfs3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rowfs.protocol.client.RpcClient;
import io.rowfs.protocol.client.RpcReply;
import io.rowfs.protocol.client.RpcStatusException;
import io.rowfs.protocol.nfs3.Nfs3MessageCases.Case;
import io.rowfs.protocol.rpc.AuthSys;
import io.rowfs.protocol.rpc.Credentials;
import io.rowfs.protocol.rpc.ReplyStatus;
import io.rowfs.protocol.transport.RpcServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Nfs3Client against Nfs3Program on a real TCP connection over 127.0.0.1. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Nfs3ClientServerTest {
    private final StubService service = new StubService();
    private final Credentials cred = new AuthSys(1, "client", 1234, 56, 7, 8);
    private RpcServer server;
    private RpcClient rpc;
    private Nfs3Client client;

    @BeforeEach
    void start() throws Exception {
        server = RpcServer.builder().udp(false).program(new Nfs3Program(service)).build().start();
        rpc = RpcClient.builder(server.localAddress()).timeout(Duration.ofSeconds(20)).build();
        client = new Nfs3Client(rpc);
    }

    @AfterEach
    void stop() {
        rpc.close();
        server.close();
    }

    @Test
    void nullProcedureAnswers() {
        client.ping(cred).join();
    }

    @Test
    void everyProcedureCarriesItsArgsAndResultsAcrossTheWire() {
        Map<Nfs3Procedure<?, ?>, Case> args = new LinkedHashMap<>();
        Map<Nfs3Procedure<?, ?>, Case> results = new LinkedHashMap<>();
        for (Case c : Nfs3MessageCases.all()) {
            (c.isArgs() ? args : results).putIfAbsent(c.procedure(), c);
        }
        assertEquals(21, args.size());
        for (Nfs3Procedure<?, ?> proc : args.keySet()) {
            exchange(proc, args.get(proc), results.get(proc));
        }
    }

    @SuppressWarnings("unchecked")
    private <A extends Nfs3Args, R extends Nfs3Result> void exchange(Nfs3Procedure<A, R> proc,
            Case argsCase, Case resultCase) {
        A sent = (A) argsCase.make().get();
        R answered = (R) resultCase.make().get(); // released by Nfs3Program once encoded
        R expected = (R) resultCase.make().get();
        Object[] received = new Object[1];
        service.answer = (ctx, a) -> {
            received[0] = sent.equals(a);
            return CompletableFuture.completedFuture(answered);
        };
        R got = null;
        try {
            got = client.call(proc, cred, sent).join();
            assertEquals(Boolean.TRUE, received[0], proc + " args arrive equal");
            assertEquals(expected, got, proc + " result");
            assertEquals(1234, service.lastContext.uid());
        } finally {
            sent.release();
            expected.release();
            if (got != null) {
                got.release();
            }
        }
    }

    @Test
    void nfsFailuresComeBackAsResultsNotExceptions() {
        GetattrResult r = client.getattr(cred, new GetattrArgs(Nfs3Samples.handle())).join();
        assertEquals(GetattrResult.fail(Nfs3Status.NOTSUPP), r);
    }

    @Test
    void aSixtyFiveByteHandleOnTheWireIsBadHandle() {
        GetattrResult r = rpc.call(Nfs3.PROGRAM, Nfs3.VERSION, 1, cred,
                out -> out.writeOpaque(new byte[65]), GetattrResult::decode).join();
        assertEquals(Nfs3Status.BADHANDLE, r.status());
    }

    @Test
    void truncatedArgumentsAreGarbageArgsAndTheServerKeepsServing() {
        CompletionException e = assertThrows(CompletionException.class, () -> rpc.call(Nfs3.PROGRAM,
                Nfs3.VERSION, 6, cred, out -> out.writeInt(3), ReadResult::decode).join());
        RpcStatusException s = assertInstanceOf(RpcStatusException.class, e.getCause());
        assertEquals(ReplyStatus.GARBAGE_ARGS, s.status());
        client.ping(cred).join();
    }

    @Test
    void procedure22IsUnavailable() {
        try (RpcReply reply = rpc.call(Nfs3.PROGRAM, Nfs3.VERSION, 22, cred, out -> { }).join()) {
            assertEquals(ReplyStatus.PROC_UNAVAIL, reply.status());
        }
    }

    @Test
    void manyPipelinedCallsAnsweredOutOfOrderFromOtherThreadsEachGetTheirOwnResult() {
        service.answer = (ctx, a) -> {
            ReadArgs r = (ReadArgs) a;
            int n = (int) r.offset();
            return CompletableFuture.supplyAsync(() -> ReadResult.ok(PostOpAttr.ABSENT, false,
                    Nfs3Samples.data(n)), CompletableFuture.delayedExecutor(n % 7, TimeUnit.MILLISECONDS));
        };
        java.util.List<CompletableFuture<ReadResult>> calls = new java.util.ArrayList<>();
        for (int n = 0; n < 300; n++) {
            calls.add(client.read(cred, new ReadArgs(Nfs3Samples.handle(), n, n)));
        }
        for (int n = 0; n < 300; n++) {
            ReadResult r = calls.get(n).join();
            var expected = Nfs3Samples.data(n);
            try {
                assertEquals(n, r.count());
                assertEquals(expected, r.data());
            } finally {
                r.release();
                expected.release();
            }
        }
    }

    @Test
    void largeReadDataArrivesIntact() {
        service.answer = (ctx, a) -> CompletableFuture.completedFuture(
                ReadResult.ok(Nfs3Samples.attrs(), true, Nfs3Samples.data(1 << 20)));
        ReadResult r = client.read(cred, new ReadArgs(Nfs3Samples.handle(), 0, 1 << 20)).join();
        var expected = Nfs3Samples.data(1 << 20);
        try {
            assertEquals(1 << 20, r.count());
            assertEquals(expected, r.data());
        } finally {
            r.release();
            expected.release();
        }
    }
}
