package io.rowfs.protocol.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rowfs.protocol.rpc.AuthNone;
import io.rowfs.protocol.rpc.ReplyStatus;
import io.rowfs.protocol.rpc.Transport;
import io.rowfs.protocol.rpc.XdrWriter;
import io.rowfs.protocol.testsupport.TestProgram;
import io.rowfs.protocol.transport.RpcServer;
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
class UdpClientTest {
    private RpcServer server;
    private RpcClient client;

    @BeforeEach
    void start() throws Exception {
        server = RpcServer.builder().program(new TestProgram()).build().start();
        client = RpcClient.udpBuilder(server.localAddress()).timeout(Duration.ofSeconds(10)).build();
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

    @Test
    void everyAcceptStateOverUdp() throws Exception {
        int p = TestProgram.PROGRAM;
        assertEquals(ReplyStatus.SUCCESS, status(p, 1, TestProgram.NULL, XdrWriter.VOID));
        assertEquals(ReplyStatus.PROG_UNAVAIL, status(4242, 1, 0, XdrWriter.VOID));
        assertEquals(ReplyStatus.PROG_MISMATCH, status(p, 3, 0, XdrWriter.VOID));
        assertEquals(ReplyStatus.PROC_UNAVAIL, status(p, 1, TestProgram.MISSING, XdrWriter.VOID));
        assertEquals(ReplyStatus.GARBAGE_ARGS, status(p, 1, TestProgram.INCREMENT, XdrWriter.VOID));
        assertEquals(ReplyStatus.SYSTEM_ERR, status(p, 1, TestProgram.CRASH, XdrWriter.VOID));
    }

    @Test
    void theServerSeesAUdpCall() throws Exception {
        int transport = client.call(TestProgram.PROGRAM, 1, TestProgram.PEER_PORT, AuthNone.INSTANCE,
                XdrWriter.VOID, in -> { in.readInt(); return in.readInt(); }).get();
        assertEquals(Transport.UDP.ordinal(), transport);
    }

    /**
     * Calls in flight together are each answered with their own reply. Twenty at a time: UDP has
     * no flow control, and this client does not retransmit, so a burst larger than the socket
     * buffers (200 at once did, now and then) loses datagrams and times out instead of testing
     * the matching.
     */
    @Test
    void concurrentCallsAreMatchedByXid() throws Exception {
        Random random = new Random(3);
        for (int window = 0; window < 10; window++) {
            List<CompletableFuture<byte[]>> calls = new ArrayList<>();
            List<byte[]> sent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                byte[] data = new byte[random.nextInt(1000)];
                random.nextBytes(data);
                sent.add(data);
                calls.add(client.call(TestProgram.PROGRAM, 1, TestProgram.ECHO, AuthNone.INSTANCE,
                        out -> out.writeOpaque(data), in -> in.readOpaque("echo", 2000)));
            }
            for (int i = 0; i < calls.size(); i++) {
                assertArrayEquals(sent.get(i), calls.get(i).get(10, TimeUnit.SECONDS), "window " + window + ", call " + i);
            }
        }
    }

    @Test
    void silentServerTimesOut() throws Exception {
        try (RpcClient quick = RpcClient.udpBuilder(server.localAddress()).timeout(Duration.ofMillis(200)).build()) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> quick.call(TestProgram.PROGRAM,
                    1, TestProgram.SILENT, AuthNone.INSTANCE, XdrWriter.VOID).get(10, TimeUnit.SECONDS));
            assertInstanceOf(RpcTimeoutException.class, e.getCause());
        }
    }
}
