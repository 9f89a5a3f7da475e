package io.rowfs.protocol.portmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.rowfs.protocol.client.RpcClient;
import io.rowfs.protocol.mount.MountProgram;
import io.rowfs.protocol.mount.MountResult;
import io.rowfs.protocol.mount.MountService;
import io.rowfs.protocol.mount.MountStat;
import io.rowfs.protocol.transport.RpcServer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Interop with strangers: the portmap client against Debian's real rpcbind, and Debian's real
 * rpcinfo against the embedded portmapper and MOUNT program.
 *
 * <p>rpcbind runs in its own network namespace and a private mount namespace with a tmpfs on /run
 * ({@code unshare -n -m}), so it touches neither the host's ports nor the host's /run. The test
 * reaches it through its local socket, {@code /run/rpcbind.sock}, seen from the host as
 * {@code /proc/PID/root/run/rpcbind.sock}; rpcbind speaks TCP record marking there.
 */
@Tag("peer")
@Timeout(120)
class RpcbindPeerTest {
    private static final int TEST_PROGRAM = 0x2000_0777;
    private Process rpcbind;
    private File log;

    @BeforeEach
    void startRpcbind() throws Exception {
        requireTool("/usr/sbin/rpcbind", "rpcbind");
        requireTool("/usr/bin/unshare", "util-linux");
        if (!"0".equals(run("id", "-u").strip())) {
            fail("RpcbindPeerTest needs root (unshare -n -m): run it as root, as CI does");
        }
        log = File.createTempFile("rpc-rpcbind", ".log");
        rpcbind = new ProcessBuilder("unshare", "-n", "-m", "--propagation", "private", "sh", "-c",
                "ip link set lo up && mount -t tmpfs rowfs-rpc-run /run && exec rpcbind -f -w")
                .redirectErrorStream(true).redirectOutput(log).start();
        Path sock = socket();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(sock)) {
            if (!rpcbind.isAlive() || System.nanoTime() > deadline) {
                fail("rpcbind did not create " + sock + "; its output: " + Files.readString(log.toPath()));
            }
            Thread.sleep(20);
        }
    }

    @AfterEach
    void stopRpcbind() throws Exception {
        if (rpcbind != null) {
            rpcbind.destroy();
            if (!rpcbind.waitFor(5, TimeUnit.SECONDS)) {
                rpcbind.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (log != null) {
            Files.deleteIfExists(log.toPath());
        }
    }

    private Path socket() {
        return Path.of("/proc", Long.toString(rpcbind.pid()), "root", "run", "rpcbind.sock");
    }

    @Test
    void portmapClientAgainstRealRpcbind() throws Exception {
        try (RpcClient rpc = RpcClient.unixSocketBuilder(socket()).build()) {
            PortmapClient pm = new PortmapClient(rpc);
            pm.ping().get(10, TimeUnit.SECONDS);
            assertEquals(111, pm.getPort(Portmap.PROGRAM, Portmap.VERSION, Portmap.IPPROTO_TCP).get());
            assertEquals(111, pm.getPort(Portmap.PROGRAM, Portmap.VERSION, Portmap.IPPROTO_UDP).get());
            assertEquals(0, pm.getPort(TEST_PROGRAM, 1, Portmap.IPPROTO_TCP).get());
            assertTrue(pm.dump().get().contains(new Mapping(Portmap.PROGRAM, 2, Portmap.IPPROTO_TCP, 111)));

            assertTrue(pm.set(new Mapping(TEST_PROGRAM, 1, Portmap.IPPROTO_TCP, 4242)).get());
            assertTrue(pm.set(new Mapping(TEST_PROGRAM, 1, Portmap.IPPROTO_UDP, 4243)).get());
            assertFalse(pm.set(new Mapping(TEST_PROGRAM, 1, Portmap.IPPROTO_TCP, 5555)).get(),
                    "rpcbind refuses a second mapping of the same program, version and protocol");
            assertEquals(4242, pm.getPort(TEST_PROGRAM, 1, Portmap.IPPROTO_TCP).get());
            assertEquals(4243, pm.getPort(TEST_PROGRAM, 1, Portmap.IPPROTO_UDP).get());
            List<Mapping> dump = pm.dump().get();
            assertTrue(dump.contains(new Mapping(TEST_PROGRAM, 1, Portmap.IPPROTO_TCP, 4242)), dump.toString());
            assertTrue(dump.contains(new Mapping(TEST_PROGRAM, 1, Portmap.IPPROTO_UDP, 4243)), dump.toString());

            assertTrue(pm.unset(TEST_PROGRAM, 1).get());
            assertEquals(0, pm.getPort(TEST_PROGRAM, 1, Portmap.IPPROTO_TCP).get());
            assertFalse(pm.dump().get().stream().anyMatch(m -> m.program() == TEST_PROGRAM));
        }
    }

    @Test
    void aServerRegistersItselfWithRealRpcbind() throws Exception {
        try (RpcServer server = RpcServer.builder().program(new io.rowfs.protocol.testsupport.TestProgram())
                .build().start();
             RpcClient rpc = RpcClient.unixSocketBuilder(socket()).build()) {
            PortmapClient pm = new PortmapClient(rpc);
            assertTrue(pm.registerServer(server).get(10, TimeUnit.SECONDS));
            int prog = io.rowfs.protocol.testsupport.TestProgram.PROGRAM;
            for (int v = 1; v <= 2; v++) {
                assertEquals(server.port(), pm.getPort(prog, v, Portmap.IPPROTO_TCP).get());
                assertEquals(server.port(), pm.getPort(prog, v, Portmap.IPPROTO_UDP).get());
            }
            assertTrue(pm.registerServer(server).get(10, TimeUnit.SECONDS), "rpcbind accepts the same SET again");
        }
    }

    @Test
    void realRpcinfoAgainstTheEmbeddedServers() throws Exception {
        requireTool("/usr/sbin/rpcinfo", "rpcbind");
        MountService refuseAll = new MountService() {
            @Override
            public CompletableFuture<MountResult> mount(String dir, io.rowfs.protocol.rpc.Credentials c,
                                                        java.net.InetSocketAddress client) {
                return CompletableFuture.completedFuture(MountResult.error(MountStat.MNT3ERR_ACCES));
            }

            @Override
            public List<io.rowfs.protocol.mount.ExportEntry> exports() {
                return List.of();
            }
        };
        try (RpcServer server = RpcServer.builder().program(new PortmapProgram(new PortmapRegistry()))
                .program(new MountProgram(refuseAll)).build().start()) {
            // rpcinfo's universal address: h1.h2.h3.h4.p1.p2 (its -n option still asks rpcbind)
            String ua = "127.0.0.1." + (server.port() >> 8) + "." + (server.port() & 0xFF);
            for (String proto : new String[] {"tcp", "udp"}) {
                String pm = run("rpcinfo", "-a", ua, "-T", proto, "100000", "2");
                assertTrue(pm.contains("program 100000 version 2 ready and waiting"), pm);
                String mnt = run("rpcinfo", "-a", ua, "-T", proto, "100005", "3");
                assertTrue(mnt.contains("program 100005 version 3 ready and waiting"), mnt);
            }
            String mismatch = run("rpcinfo", "-a", ua, "-T", "tcp", "100005", "1");
            assertTrue(mismatch.contains("low version = 3, high version = 3"), mismatch);
            String unavailable = run("rpcinfo", "-a", ua, "-T", "tcp", "100003", "3");
            assertTrue(unavailable.contains("Program unavailable"), unavailable);
        }
    }

    private static void requireTool(String path, String pkg) {
        if (!Files.isExecutable(Path.of(path))) {
            fail(path + " is missing: apt-get install " + pkg);
        }
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + " did not finish");
        }
        return out + (p.exitValue() == 0 ? "" : "\n(exit " + p.exitValue() + ")");
    }
}
