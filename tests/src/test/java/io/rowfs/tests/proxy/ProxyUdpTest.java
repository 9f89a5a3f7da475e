package io.rowfs.tests.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.StableHow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The proxy over UDP (MOUNT and NFS on the same port as TCP): a main file read in datagram-sized
 * pieces, a block-redirected overwrite, and the merged result seen identically over TCP; main's
 * file is untouched.
 */
@Tag("peer")
class ProxyUdpTest extends ProxyPeerTestBase {
    @Test
    void readAndWriteOverUdpMatchTcp() throws Exception {
        byte[] image = new byte[40_000];
        new Random(7).nextBytes(image);
        Files.write(mainDir.resolve("image.bin"), image);
        try (ProxyStack stack = rig().start();
             ProxyClient udp = ProxyClient.udpOn(stack.proxy)) {
            ProxyClient tcp = stack.client;
            FileHandle f = udp.lookup(udp.root, "image.bin");
            assertEquals(f, tcp.lookup(tcp.root, "image.bin"), "one virtual handle whatever the transport");
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            while (got.size() < image.length) {
                got.writeBytes(udp.read(f, got.size(), 8192));
            }
            assertArrayEquals(image, got.toByteArray());

            byte[] patch = "written over UDP, across the first block boundary".getBytes(StandardCharsets.US_ASCII);
            udp.write(f, 4096 - 10, patch, StableHow.FILE_SYNC);
            byte[] expected = image.clone();
            System.arraycopy(patch, 0, expected, 4096 - 10, patch.length);
            assertArrayEquals(expected, tcp.readAll(f));
            assertEquals(image.length, udp.getattr(f).size());
            assertArrayEquals(image, Files.readAllBytes(mainDir.resolve("image.bin")), "main is never written");
        }
    }
}
