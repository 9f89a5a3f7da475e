package io.rowfs.tests.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.proxy.server.ProxyServer;
import io.rowfs.tests.peers.Libnfs;
import io.rowfs.tests.peers.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Read-only pass-through: libnfs lists and reads main (nfs-ganesha, read-only) through the proxy. */
@Tag("peer")
class ProxyReadThroughTest extends ProxyPeerTestBase {
    @Test
    void libnfsListsAndReadsMainThroughTheProxy() throws Exception {
        Random rnd = new Random(5);
        byte[] big = new byte[300_000];
        rnd.nextBytes(big);
        Files.write(mainDir.resolve("big.bin"), big);
        Files.writeString(mainDir.resolve("a.txt"), "hello main\n");
        Files.createDirectories(mainDir.resolve("d1/d2"));
        Files.writeString(mainDir.resolve("d1/d2/deep.txt"), "deep\n");
        for (int i = 0; i < 300; i++) {
            Files.writeString(mainDir.resolve("d1/f" + i), "file " + i + "\n");
        }
        Files.createSymbolicLink(mainDir.resolve("link"), Path.of("a.txt"));
        Files.setPosixFilePermissions(mainDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(shadowDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Map<String, String> before = ProxyRig.checksums(mainDir);

        try (ProxyStack stack = rig().start()) {
            ProxyServer proxy = stack.proxy;
            ProxyClient c = stack.client;
            Libnfs nfs = Libnfs.host();
            assertArrayEquals(big, nfs.cat(ProxyRig.url(proxy, "big.bin")));
            assertEquals("hello main\n", new String(nfs.cat(ProxyRig.url(proxy, "a.txt"))));
            assertEquals("deep\n", new String(nfs.cat(ProxyRig.url(proxy, "d1/d2/deep.txt"))));
            List<String> names = nfs.names(ProxyRig.url(proxy, "d1"));
            assertEquals(301, names.size(), "d1 lists 300 files and d2: " + names.size());
            assertTrue(names.contains("f299") && names.contains("d2"));
            ProcessResult recursive = nfs.run("nfs-ls", "-R", ProxyRig.url(proxy, ""));
            recursive.checkOk();
            assertTrue(recursive.stdoutText().contains("deep.txt"), recursive.stdoutText());

            // fileids: the virtual ids, unique, same in GETATTR and stable across lookups; one fsid
            FileHandle a1 = c.lookup(c.root, "a.txt");
            FileHandle a2 = c.lookup(c.root, "a.txt");
            assertArrayEquals(a1.bytes(), a2.bytes(), "one handle per name");
            Fattr3 aa = c.getattr(a1);
            Fattr3 rootAttr = c.getattr(c.root);
            assertEquals(0755, rootAttr.mode(), "the merged root looks like main's root");
            assertEquals(rootAttr.fsid(), aa.fsid());
            assertNotEquals(rootAttr.fileid(), aa.fileid());
            assertEquals(11, aa.size());
            Set<Long> ids = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                assertTrue(ids.add(c.getattr(c.path("d1/f" + i)).fileid()), "unique fileid");
            }
            assertEquals(ProxyRig.md5(big), ProxyRig.md5(c.readAll(c.lookup(c.root, "big.bin"))));
        }
        assertEquals(before, ProxyRig.checksums(mainDir), "main is never written");
        assertEquals(List.of(), listShadow(), "reads copy nothing up");
    }

    private List<String> listShadow() throws Exception {
        try (var s = Files.list(shadowDir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".rowfs")).toList();
        }
    }
}
