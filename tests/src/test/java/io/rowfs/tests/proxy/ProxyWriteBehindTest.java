package io.rowfs.tests.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.StableHow;
import io.rowfs.protocol.nfs3.WriteResult;
import io.rowfs.proxy.server.ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * UNSTABLE writes to a new file are acknowledged before they reach the shadow (write-behind); the
 * merged file system must not show it: a READ right after sees every byte, GETATTR the new size,
 * COMMIT answers the WRITE's verifier,
 * and after COMMIT the shadow's file holds the data.
 */
@Tag("peer")
class ProxyWriteBehindTest {
    @TempDir
    Path mainDir;
    @TempDir
    Path shadowDir;
    @TempDir
    Path work;

    @Test
    void queuedWritesAreInvisibleToReaders() throws Exception {
        byte[] expected = new byte[3 << 20];
        new Random(5).nextBytes(expected);
        try (ProxyRig rig = new ProxyRig(mainDir, shadowDir, work.resolve("shadow-state"));
             ProxyServer proxy = rig.startProxy(work.resolve("proxy"));
             ProxyRig.Client c = new ProxyRig.Client(proxy.port(), proxy.exportPath())) {
            FileHandle f = c.create(c.root, "behind.bin");
            int piece = 64 * 1024;
            WriteResult last = null;
            for (int off = 0; off < expected.length; off += piece) {
                byte[] part = java.util.Arrays.copyOfRange(expected, off, off + piece);
                last = c.write(f, off, part, StableHow.UNSTABLE);
                if (off % (1 << 20) == 0) {
                    assertArrayEquals(part, c.read(f, off, piece), "read right after an acknowledged write");
                }
            }
            assertEquals(expected.length, c.getattr(f).size());
            assertArrayEquals(expected, c.readAll(f));
            assertEquals(last.verifier(), c.commit(f).verifier(), "no queued write was lost");
            assertArrayEquals(expected, Files.readAllBytes(shadowDir.resolve("behind.bin")), "the shadow holds it after COMMIT");
        }
    }
}
