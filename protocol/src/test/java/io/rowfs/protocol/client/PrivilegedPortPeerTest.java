package io.rowfs.protocol.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.rowfs.protocol.rpc.AuthNone;
import io.rowfs.protocol.rpc.Transport;
import io.rowfs.protocol.rpc.XdrWriter;
import io.rowfs.protocol.testsupport.TestProgram;
import io.rowfs.protocol.transport.RpcServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client binds a source port below 1024 when asked (needs root, like CI). */
@Tag("peer")
@Timeout(60)
class PrivilegedPortPeerTest {

    private static int[] peer(RpcClient client) throws Exception {
        return client.call(TestProgram.PROGRAM, 1, TestProgram.PEER_PORT, AuthNone.INSTANCE, XdrWriter.VOID,
                in -> new int[] {in.readInt(), in.readInt()}).get(10, TimeUnit.SECONDS);
    }

    @Test
    void privilegedSourcePortOverTcpAndUdp() throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            fail("PrivilegedPortPeerTest needs root (binding ports below 1024): run it as root, as CI does");
        }
        try (RpcServer server = RpcServer.builder().program(new TestProgram()).build().start()) {
            List<RpcClient> clients = new ArrayList<>();
            try {
                // several clients at once: each must find its own free privileged port
                for (int i = 0; i < 3; i++) {
                    clients.add(RpcClient.builder(server.localAddress()).privilegedSourcePort(true).build());
                }
                clients.add(RpcClient.udpBuilder(server.localAddress()).privilegedSourcePort(true).build());
                List<Integer> ports = new ArrayList<>();
                for (RpcClient c : clients) {
                    int[] p = peer(c);
                    assertTrue(p[0] >= Connector.PRIVILEGED_LOW && p[0] <= Connector.PRIVILEGED_HIGH,
                            "source port " + p[0]);
                    ports.add(p[0]);
                }
                assertEquals(Transport.UDP.ordinal(), peer(clients.get(3))[1]);
                assertEquals(3, ports.subList(0, 3).stream().distinct().count(), ports.toString());
            } finally {
                clients.forEach(RpcClient::close);
            }
            try (RpcClient plain = RpcClient.builder(server.localAddress()).build()) {
                assertTrue(peer(plain)[0] > 1023, "without the option the port is ephemeral");
            }
        }
    }

    @Test
    void perThreadConnectionsFromPrivilegedPorts() throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            fail("PrivilegedPortPeerTest needs root (binding ports below 1024): run it as root, as CI does");
        }
        try (RpcServer server = RpcServer.builder().program(new TestProgram()).build().start();
             ThreadConnections calls = new ThreadConnections(server.localAddress(), java.time.Duration.ofSeconds(10),
                     1 << 20, true)) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
            try {
                List<java.util.concurrent.Future<Integer>> ports = new ArrayList<>();
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(3);
                for (int i = 0; i < 3; i++) {
                    ports.add(pool.submit(() -> {
                        together.await(); // three threads, three connections at once
                        return calls.call(TestProgram.PROGRAM, 1, TestProgram.PEER_PORT, AuthNone.INSTANCE,
                                XdrWriter.VOID, in -> in.readInt()).get();
                    }));
                }
                java.util.Set<Integer> seen = new java.util.HashSet<>();
                for (var f : ports) {
                    int p = f.get(10, TimeUnit.SECONDS);
                    assertTrue(p >= Connector.PRIVILEGED_LOW && p <= Connector.PRIVILEGED_HIGH, "source port " + p);
                    seen.add(p);
                }
                assertEquals(3, seen.size(), seen.toString());
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
