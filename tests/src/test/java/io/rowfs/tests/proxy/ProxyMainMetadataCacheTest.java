package io.rowfs.tests.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.metrics.MetricFamily;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.ReadlinkArgs;
import io.rowfs.proxy.server.ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Main is read-only, so what the proxy learns of its metadata stays true: LOOKUPs in a main
 * directory are answered from main's listing (present and absent names alike), absent names in a
 * directory too large to list are remembered, and a symbolic link's target is read once. Counted
 * with the proxy's own back-end call counters.
 */
@Tag("peer")
class ProxyMainMetadataCacheTest extends ProxyPeerTestBase {
    @Test
    void mainMetadataCrossesTheWireOnce() throws Exception {
        Path small = Files.createDirectory(mainDir.resolve("small"));
        for (int i = 0; i < 30; i++) {
            Files.writeString(small.resolve("f" + i), "file " + i + "\n");
        }
        Files.createSymbolicLink(small.resolve("link"), Path.of("f1"));
        Path big = Files.createDirectory(mainDir.resolve("big"));
        for (int i = 0; i < 24_000; i++) {
            Files.createFile(big.resolve("a-rather-long-file-name-number-" + i));
        }
        assertTrue(Files.size(big) > 512 * 1024, "the big directory is over the listing limit: " + Files.size(big));

        try (ProxyStack stack = rig().start()) {
            ProxyServer proxy = stack.proxy;
            ProxyClient c = stack.client;
            FileHandle dir = c.lookup(c.root, "small");
            long lookupsBefore = mainCalls(proxy, "LOOKUP");
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < 30; i++) {
                    c.lookup(dir, "f" + i);
                    assertEquals(Nfs3Status.NOENT, c.lookupStatus(dir, "absent-" + i));
                }
            }
            assertEquals(lookupsBefore, mainCalls(proxy, "LOOKUP"), "no main LOOKUP in a listed directory");
            assertTrue(mainCalls(proxy, "READDIRPLUS") >= 1);

            FileHandle link = c.lookup(dir, "link");
            for (int i = 0; i < 3; i++) {
                var r = c.get(c.nfs.readlink(ProxyRig.ROOT, new ReadlinkArgs(link)));
                assertEquals(Nfs3Status.OK, r.status());
                assertEquals("f1", r.data().toString());
            }
            assertEquals(1, mainCalls(proxy, "READLINK"), "a link target is read from main once");

            FileHandle bigDir = c.lookup(c.root, "big");
            long before = mainCalls(proxy, "LOOKUP");
            for (int i = 0; i < 3; i++) {
                assertEquals(Nfs3Status.NOENT, c.lookupStatus(bigDir, "libnot-there.so"));
            }
            c.lookup(bigDir, "a-rather-long-file-name-number-77");
            c.lookup(bigDir, "a-rather-long-file-name-number-77");
            assertEquals(before + 2, mainCalls(proxy, "LOOKUP"), "one LOOKUP per name in a directory too large to list");
        }
    }

    private static long mainCalls(ProxyServer proxy, String procedure) {
        for (MetricFamily f : proxy.metrics().registry().families()) {
            if (f.name().equals("rowfs_proxy_backend_calls_total")) {
                return f.snapshot().getOrDefault(List.of("main", procedure), 0L);
            }
        }
        return 0;
    }
}
