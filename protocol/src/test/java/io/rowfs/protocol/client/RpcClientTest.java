package io.rowfs.protocol.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.protocol.rpc.AuthNone;
import io.rowfs.protocol.rpc.AuthStat;
import io.rowfs.protocol.rpc.AuthSys;
import io.rowfs.protocol.rpc.ReplyStatus;
import io.rowfs.protocol.rpc.XdrWriter;
import io.rowfs.protocol.testsupport.TestProgram;
import io.rowfs.protocol.transport.RpcServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RpcClientTest {
    private RpcServer server;
    private RpcClient client;

    @BeforeEach
    void start() throws IOException {
        server = RpcServer.builder().program(new TestProgram()).build().start();
        client = RpcClient.builder(server.localAddress()).timeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private ReplyStatus status(int prog, int vers, int proc, XdrWriter args) throws Exception {
        try (RpcReply reply = client.call(prog, vers, proc, AuthNone.INSTANCE, args).get(10, TimeUnit.SECONDS)) {
            return reply.status();
        }
    }

    private static Throwable cause(CompletableFuture<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void everyAcceptStateOverTcp() throws Exception {
        int p = TestProgram.PROGRAM;
        assertEquals(ReplyStatus.SUCCESS, status(p, 1, TestProgram.NULL, XdrWriter.VOID));
        assertEquals(ReplyStatus.PROG_UNAVAIL, status(4242, 1, 0, XdrWriter.VOID));
        assertEquals(ReplyStatus.PROG_MISMATCH, status(p, 3, 0, XdrWriter.VOID));
        assertEquals(ReplyStatus.PROC_UNAVAIL, status(p, 1, TestProgram.MISSING, XdrWriter.VOID));
        assertEquals(ReplyStatus.GARBAGE_ARGS, status(p, 1, TestProgram.INCREMENT, XdrWriter.VOID));
        assertEquals(ReplyStatus.SYSTEM_ERR, status(p, 1, TestProgram.CRASH, XdrWriter.VOID));
    }

    @Test
    void progMismatchCarriesTheRange() throws Exception {
        try (RpcReply reply = client.call(TestProgram.PROGRAM, 9, 0, AuthNone.INSTANCE, XdrWriter.VOID).get()) {
            assertEquals(1, reply.header().low());
            assertEquals(2, reply.header().high());
        }
    }

    @Test
    void typedCallDecodesResultsOrFailsWithTheStatus() throws Exception {
        int v = client.call(TestProgram.PROGRAM, 2, TestProgram.INCREMENT, AuthNone.INSTANCE,
                out -> out.writeInt(41), in -> in.readInt()).get();
        assertEquals(42, v);
        Throwable t = cause(client.call(TestProgram.PROGRAM, 1, TestProgram.CRASH, AuthNone.INSTANCE,
                XdrWriter.VOID, in -> 0));
        assertInstanceOf(RpcStatusException.class, t);
        assertEquals(ReplyStatus.SYSTEM_ERR, ((RpcStatusException) t).status());
    }

    @Test
    void authSysReachesTheServer() throws Exception {
        int uid = client.call(TestProgram.PROGRAM, 1, TestProgram.WHOAMI, new AuthSys(0, "me", 4321, 10, 1, 2, 3),
                XdrWriter.VOID, in -> in.readInt()).get();
        assertEquals(4321, uid);
    }

    @Test
    void authErrorReachesTheCaller() throws Exception {
        try (RpcReply reply = client.call(TestProgram.PROGRAM, 1, TestProgram.WHOAMI, AuthNone.INSTANCE,
                XdrWriter.VOID).get()) {
            assertEquals(ReplyStatus.AUTH_ERROR, reply.status());
            assertEquals(AuthStat.AUTH_TOOWEAK, reply.header().authStat());
        }
    }

    @Test
    void manyConcurrentCallsAreMatchedByXid() throws Exception {
        Random random = new Random(1);
        List<CompletableFuture<byte[]>> calls = new ArrayList<>();
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            byte[] data = new byte[random.nextInt(300)];
            random.nextBytes(data);
            sent.add(data);
            calls.add(client.call(TestProgram.PROGRAM, 1, TestProgram.ECHO, AuthNone.INSTANCE,
                    out -> out.writeOpaque(data), in -> in.readOpaque("echo", 1000)));
        }
        for (int i = 0; i < calls.size(); i++) {
            assertArrayEquals(sent.get(i), calls.get(i).get(10, TimeUnit.SECONDS), "call " + i);
        }
    }

    @Test
    void manyClientsAtOnceEachGetTheirOwnReplies() throws Exception {
        List<RpcClient> clients = new ArrayList<>();
        try {
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int c = 0; c < 20; c++) {
                RpcClient rc = RpcClient.builder(server.localAddress()).build();
                clients.add(rc);
                for (int i = 0; i < 200; i++) {
                    int n = c * 1000 + i;
                    calls.add(rc.call(TestProgram.PROGRAM, 1, TestProgram.INCREMENT, AuthNone.INSTANCE,
                            out -> out.writeInt(n), in -> in.readInt()));
                }
            }
            for (int k = 0; k < calls.size(); k++) {
                int expected = (k / 200) * 1000 + k % 200 + 1;
                assertEquals(expected, calls.get(k).get(20, TimeUnit.SECONDS));
            }
        } finally {
            clients.forEach(RpcClient::close);
        }
    }

    @Test
    void largeEchoNearTheRecordCap() throws Exception {
        byte[] data = new byte[1 << 20];
        new Random(2).nextBytes(data);
        byte[] back = client.call(TestProgram.PROGRAM, 1, TestProgram.ECHO, AuthNone.INSTANCE,
                out -> out.writeOpaque(data), in -> in.readOpaque("echo", 1 << 20)).get();
        assertArrayEquals(data, back);
    }

    @Test
    void silentServerTimesOut() throws Exception {
        try (RpcClient quick = RpcClient.builder(server.localAddress()).timeout(Duration.ofMillis(200)).build()) {
            long t0 = System.nanoTime();
            Throwable t = cause(quick.call(TestProgram.PROGRAM, 1, TestProgram.SILENT, AuthNone.INSTANCE,
                    XdrWriter.VOID));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertInstanceOf(RpcTimeoutException.class, t);
            assertTrue(ms >= 150 && ms < 5000, "timed out after " + ms + " ms");
            // the connection still works after a timeout
            try (RpcReply r = quick.call(TestProgram.PROGRAM, 1, 0, AuthNone.INSTANCE, XdrWriter.VOID).get()) {
                assertTrue(r.isSuccess());
            }
        }
    }

    @Test
    void timeoutsFireFromAnInjectedSchedulerWithoutSleeping() throws Exception {
        java.util.concurrent.ConcurrentLinkedQueue<Runnable> due = new java.util.concurrent.ConcurrentLinkedQueue<>();
        TimeoutScheduler manual = (task, delay) -> {
            due.add(task);
            return () -> due.remove(task);
        };
        try (RpcClient c = RpcClient.builder(server.localAddress()).timeoutScheduler(manual).build()) {
            try (RpcReply r = c.call(TestProgram.PROGRAM, 1, 0, AuthNone.INSTANCE, XdrWriter.VOID).get()) {
                assertTrue(r.isSuccess());
            }
            assertTrue(due.isEmpty(), "an answered call cancels its timer");
            CompletableFuture<RpcReply> silent = c.call(TestProgram.PROGRAM, 1, TestProgram.SILENT,
                    AuthNone.INSTANCE, XdrWriter.VOID);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (due.isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(1, due.size());
            assertTrue(!silent.isDone(), "no timeout before the scheduler fires");
            due.poll().run();
            assertInstanceOf(RpcTimeoutException.class, cause(silent));
        }
    }

    @Test
    void closingAReplyTwiceReleasesOnce() throws Exception {
        RpcReply r = client.call(TestProgram.PROGRAM, 1, TestProgram.ECHO, AuthNone.INSTANCE,
                out -> out.writeOpaque(new byte[100])).get();
        io.netty.buffer.ByteBuf kept = r.results().readOpaqueRetainedSlice("echo", 100);
        r.close();
        r.close();
        assertEquals(1, kept.refCnt());
        assertEquals(100, kept.readableBytes());
        kept.release();
    }

    @Test
    void callsInFlightFailAndNewCallsReconnectAfterTheServerRestarts() throws Exception {
        InetSocketAddress where = server.localAddress();
        CompletableFuture<RpcReply> inFlight = client.call(TestProgram.PROGRAM, 1, TestProgram.SILENT,
                AuthNone.INSTANCE, XdrWriter.VOID);
        assertEquals(ReplyStatus.SUCCESS, status(TestProgram.PROGRAM, 1, 0, XdrWriter.VOID));
        server.close();
        Throwable lost = cause(inFlight);
        assertInstanceOf(ConnectionLostException.class, lost);
        assertTrue(lost.getMessage().contains("lost"), lost.getMessage());

        Throwable refused = cause(client.call(TestProgram.PROGRAM, 1, 0, AuthNone.INSTANCE, XdrWriter.VOID));
        assertInstanceOf(ConnectionLostException.class, refused);

        server = RpcServer.builder().bind(where).program(new TestProgram()).build().start();
        assertEquals(ReplyStatus.SUCCESS, status(TestProgram.PROGRAM, 1, 0, XdrWriter.VOID));
    }

    @Test
    void closedClientRefusesCalls() throws Exception {
        client.close();
        Throwable t = cause(client.call(TestProgram.PROGRAM, 1, 0, AuthNone.INSTANCE, XdrWriter.VOID));
        assertInstanceOf(RpcClientException.class, t);
        assertTrue(t.getMessage().contains("closed"), t.getMessage());
    }

    @Test
    void argumentEncodingFailureFailsOnlyThatCall() throws Exception {
        Throwable t = cause(client.call(TestProgram.PROGRAM, 1, 0, AuthNone.INSTANCE,
                out -> { throw new IllegalArgumentException("bad args"); }));
        assertInstanceOf(IllegalArgumentException.class, t);
        assertEquals(ReplyStatus.SUCCESS, status(TestProgram.PROGRAM, 1, 0, XdrWriter.VOID));
    }
}
