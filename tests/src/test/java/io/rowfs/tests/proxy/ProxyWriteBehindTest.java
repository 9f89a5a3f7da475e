package io.rowfs.tests.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.StableHow;
import io.rowfs.protocol.nfs3.WriteResult;
import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * UNSTABLE writes to a new file are acknowledged before they reach the shadow (write-behind); the
 * merged file system must not show it: a READ right after sees every byte, GETATTR the new size,
 * COMMIT answers the WRITE's verifier,
 * and after COMMIT the shadow's file holds the data.
 */
@Tag("peer")
class ProxyWriteBehindTest extends ProxyPeerTestBase {
    @Test
    void queuedWritesAreInvisibleToReaders() throws Exception {
        byte[] expected = new byte[3 << 20];
        new Random(5).nextBytes(expected);
        try (ProxyStack stack = rig().start()) {
            ProxyClient c = stack.client;
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
