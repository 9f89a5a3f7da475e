package io.rowfs.tests.peers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ganesha fixture, its host bridge and the libnfs wrapper, against each other for real. */
@Tag("peer")
class GaneshaPeerTest {
    @TempDir
    Path dir;
    @TempDir
    Path local;

    @Test
    void readWriteExportFromHostAndFromInsideTheNamespace() throws Exception {
        Files.writeString(dir.resolve("hello.txt"), "hello ganesha\n");
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(big);
        Files.write(local.resolve("big.bin"), big);
        try (Ganesha g = Ganesha.start(dir, false)) {
            Libnfs host = Libnfs.host();
            assertEquals("hello ganesha\n", new String(host.cat(g.hostUrl("hello.txt")), StandardCharsets.UTF_8));

            host.upload(local.resolve("big.bin"), g.hostUrl("sub-big.bin"));
            assertArrayEquals(big, Files.readAllBytes(dir.resolve("sub-big.bin")), "written through NFS, read on disk");

            Libnfs inside = Libnfs.inNetns(g.netns());
            assertEquals(List.of("hello.txt", "sub-big.bin"), inside.names(g.url("")).stream().sorted().toList());
            host.download(g.hostUrl("sub-big.bin"), local.resolve("back.bin"));
            assertArrayEquals(big, Files.readAllBytes(local.resolve("back.bin")));
        }
    }

    @Test
    void readOnlyExportRefusesWritesWithTheServersError() throws Exception {
        Files.writeString(local.resolve("x.txt"), "x");
        try (Ganesha g = Ganesha.start(dir, true)) {
            ProcessResult r = Libnfs.host().run("nfs-cp", local.resolve("x.txt").toString(), g.hostUrl("x.txt"));
            assertFalse(r.ok());
            assertTrue(r.stderrText().contains("NFS3ERR_ROFS"), r.describe());
            assertFalse(Files.exists(dir.resolve("x.txt")));
        }
    }

    @Test
    void failuresCarryTheCommandAndStderr() throws Exception {
        try (Ganesha g = Ganesha.start(dir, false)) {
            PeerException e = assertThrows(PeerException.class, () -> Libnfs.host().cat(g.hostUrl("missing.txt")));
            assertTrue(e.getMessage().contains("nfs-cat") && e.getMessage().contains("missing.txt"), e.getMessage());
        }
    }

    @Test
    void closeRemovesTheNamespaceAndProcesses() throws Exception {
        Ganesha g = Ganesha.start(dir, false);
        String ns = g.netns();
        long pid = g.pid();
        assertTrue(Files.exists(Path.of("/run/netns", ns)));
        g.close();
        assertFalse(Files.exists(Path.of("/run/netns", ns)));
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void proxyV4GaneshaReExportsAVfsGaneshaInTheSameNamespace() throws Exception {
        Files.writeString(dir.resolve("origin.txt"), "from the origin\n");
        Files.writeString(local.resolve("w.txt"), "written via the proxy\n");
        try (Netns ns = Netns.create("infra-px");
             Ganesha origin = Ganesha.builder(dir).netns(ns).hostBridge(false).start();
             Ganesha proxy = Ganesha.builder(dir).netns(ns).hostBridge(false).ports(3049, 30048)
                     .proxyV4("127.0.0.1", origin.nfsPort()).start()) {
            Libnfs c = Libnfs.inNetns(ns.name());
            assertEquals("from the origin\n", new String(c.cat(proxy.url("origin.txt")), StandardCharsets.UTF_8));
            c.upload(local.resolve("w.txt"), proxy.url("w.txt"));
            assertEquals("written via the proxy\n", Files.readString(dir.resolve("w.txt")));
        }
    }
}
