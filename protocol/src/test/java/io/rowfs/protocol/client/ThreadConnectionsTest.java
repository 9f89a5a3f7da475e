package io.rowfs.protocol.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.protocol.rpc.AuthNone;
import io.rowfs.protocol.rpc.ReplyStatus;
import io.rowfs.protocol.rpc.XdrWriter;
import io.rowfs.protocol.testsupport.TestProgram;
import io.rowfs.protocol.transport.RpcServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ThreadConnectionsTest {
    private RpcServer server;
    private ThreadConnections calls;

    @BeforeEach
    void start() throws IOException {
        server = RpcServer.builder().program(new TestProgram()).build().start();
        calls = new ThreadConnections(server.localAddress(), Duration.ofMillis(500), 2 << 20);
    }

    @AfterEach
    void stop() {
        calls.close();
        server.close();
    }

    private static Throwable cause(CompletableFuture<?> f) {
        assertTrue(f.isDone(), "calls complete on the calling thread");
        return assertThrows(ExecutionException.class, f::get).getCause();
    }

    @Test
    void callsCompleteOnTheCallingThreadWithDecodedResults() throws Exception {
        CompletableFuture<Integer> f = calls.call(TestProgram.PROGRAM, 1, TestProgram.INCREMENT, AuthNone.INSTANCE,
                out -> out.writeInt(41), in -> in.readInt());
        assertTrue(f.isDone());
        assertEquals(42, f.get());
        byte[] big = new byte[700_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        byte[] echoed = calls.call(TestProgram.PROGRAM, 1, TestProgram.ECHO, AuthNone.INSTANCE,
                out -> out.writeOpaque(big), in -> {
                    var slice = in.readOpaqueRetainedSlice("echo", 1 << 20);
                    try {
                        byte[] b = new byte[slice.readableBytes()];
                        slice.readBytes(b);
                        return b;
                    } finally {
                        slice.release();
                    }
                }).get();
        assertArrayEquals(big, echoed);
    }

    @Test
    void eachThreadUsesItsOwnConnection() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int v = i;
                results.add(pool.submit(() -> calls.call(TestProgram.PROGRAM, 1, TestProgram.INCREMENT,
                        AuthNone.INSTANCE, out -> out.writeInt(v), in -> in.readInt()).get()));
            }
            for (int i = 0; i < 40; i++) {
                assertEquals(i + 1, results.get(i).get());
            }
            assertTrue(calls.openConnections() <= 4, calls.openConnections() + " connections for 4 threads");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aReplyStateOtherThanSuccessFailsTheCallAndTheConnectionStaysUsable() throws Exception {
        Throwable t = cause(calls.call(TestProgram.PROGRAM, 1, TestProgram.CRASH, AuthNone.INSTANCE,
                XdrWriter.VOID, in -> null));
        assertInstanceOf(RpcStatusException.class, t);
        assertEquals(ReplyStatus.SYSTEM_ERR, ((RpcStatusException) t).header().status());
        assertEquals(8, calls.call(TestProgram.PROGRAM, 1, TestProgram.INCREMENT, AuthNone.INSTANCE,
                out -> out.writeInt(7), in -> in.readInt()).get());
        assertEquals(1, calls.openConnections());
    }

    @Test
    void aCallWithoutReplyTimesOutAndTheNextCallReconnects() throws Exception {
        Throwable t = cause(calls.call(TestProgram.PROGRAM, 1, TestProgram.SILENT, AuthNone.INSTANCE,
                XdrWriter.VOID, in -> null));
        assertInstanceOf(RpcTimeoutException.class, t);
        assertEquals(3, calls.call(TestProgram.PROGRAM, 1, TestProgram.INCREMENT, AuthNone.INSTANCE,
                out -> out.writeInt(2), in -> in.readInt()).get());
    }

    @Test
    void aServerRestartFailsOneCallThenTheThreadReconnects() throws Exception {
        InetSocketAddress where = server.localAddress();
        assertEquals(1, calls.call(TestProgram.PROGRAM, 1, TestProgram.INCREMENT, AuthNone.INSTANCE,
                out -> out.writeInt(0), in -> in.readInt()).get());
        server.close();
        server = RpcServer.builder().bind(where).program(new TestProgram()).build().start();
        CompletableFuture<Integer> first = calls.call(TestProgram.PROGRAM, 1, TestProgram.INCREMENT,
                AuthNone.INSTANCE, out -> out.writeInt(0), in -> in.readInt());
        if (first.isCompletedExceptionally()) {
            assertInstanceOf(ConnectionLostException.class, cause(first));
        }
        assertEquals(6, calls.call(TestProgram.PROGRAM, 1, TestProgram.INCREMENT, AuthNone.INSTANCE,
                out -> out.writeInt(5), in -> in.readInt()).get());
    }

    @Test
    void aClosedClientRefusesCalls() {
        calls.close();
        assertInstanceOf(RpcClientException.class, cause(calls.call(TestProgram.PROGRAM, 1, TestProgram.NULL,
                AuthNone.INSTANCE, XdrWriter.VOID, in -> null)));
    }
}
