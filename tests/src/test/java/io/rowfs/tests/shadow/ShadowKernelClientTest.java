package io.rowfs.tests.shadow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.app.Rowfs;
import io.rowfs.tests.peers.GuestImage;
import io.rowfs.tests.peers.ManagedProcess;
import io.rowfs.tests.peers.Netns;
import io.rowfs.tests.peers.QemuGuest;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux kernel NFS client (vers=3, proto=tcp, in a QEMU guest) mounts the shadow server, which
 * runs as `rowfs shadow-server` inside the test's network namespace; the guest's script creates,
 * writes, reads, renames, links, lists 2,000 entries and removes, and the results are checked on the
 * server's directory.
 */
@Tag("peer")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ShadowKernelClientTest {
    @TempDir
    Path export;

    private static final String SCRIPT = String.join("\n",
            "set -e",
            "cd /mnt",
            "cat host.txt",
            "echo hello-from-guest > a.txt",
            "dd if=/dev/urandom of=r.bin bs=64k count=48 2>/dev/null",
            "md5sum r.bin > r.md5",
            "dd if=/dev/zero of=sparse.bin bs=1 count=1 seek=10000000 2>/dev/null",
            "mv a.txt b.txt",
            "ln b.txt hard.txt",
            "ln -s b.txt sym.txt",
            "cat sym.txt > via-sym.txt",
            "mkdir many",
            "i=0; while [ $i -lt 2000 ]; do : > many/f$i; i=$((i+1)); done",
            "ls many | wc -l > count.txt",
            "ls -la many | head -3",
            "mkdir gone; rmdir gone",
            "echo x > tmp.txt; rm tmp.txt",
            "mkdir d1; echo in-d1 > d1/f; mv d1 d2; cat d2/f > d2-read.txt",
            "mkfifo fifo",
            "echo appended >> b.txt",
            "sync",
            "echo GUEST-SCRIPT-DONE");

    @Test
    void kernelClientRunsAFileSystemWorkloadOnTheShadowServer() throws Exception {
        Files.writeString(export.resolve("host.txt"), "made-on-the-host\n");
        try (Netns ns = Netns.create("shadow-guest", "tap0", "10.0.2.1/24")) {
            ManagedProcess server = ns.startJava("shadow-server", List.of("-Xmx256m"), Rowfs.class.getName(),
                    "shadow-server", "--export", export.toString(), "--listen", "10.0.2.1:2049", "--portmap", "-1");
            server.awaitLog("shadow-server: exporting", Duration.ofSeconds(60));
            QemuGuest.Result r = QemuGuest.kernel(ns, "tap0", GuestImage.build())
                    .staticIp("10.0.2.15/24")
                    .nfsMount("10.0.2.1", export.toString(), 2049, 2049)
                    .script(SCRIPT)
                    .timeout(Duration.ofSeconds(150))
                    .run()
                    .assertOk();
            String log = r.serialLog();
            assertTrue(log.contains("made-on-the-host"), "guest read the host's file");
            assertTrue(log.contains("GUEST-SCRIPT-DONE"), "script ran to its end");
            assertTrue(server.isAlive(), "server still running");
        }
        assertEquals("hello-from-guest\nappended\n", Files.readString(export.resolve("b.txt")));
        assertFalse(Files.exists(export.resolve("a.txt")));
        assertEquals(Files.getAttribute(export.resolve("b.txt"), "unix:ino"),
                Files.getAttribute(export.resolve("hard.txt"), "unix:ino"), "hard link");
        assertEquals("b.txt", Files.readSymbolicLink(export.resolve("sym.txt")).toString());
        assertEquals("hello-from-guest\n", Files.readString(export.resolve("via-sym.txt")));
        assertEquals(48 * 65536, Files.size(export.resolve("r.bin")));
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(export.resolve("r.bin"))));
        assertTrue(Files.readString(export.resolve("r.md5")).startsWith(md5), "data written by the guest");
        assertEquals(10_000_001, Files.size(export.resolve("sparse.bin")));
        try (Stream<Path> s = Files.list(export.resolve("many"))) {
            assertEquals(2000, s.count());
        }
        assertEquals("2000", Files.readString(export.resolve("count.txt")).trim(), "guest's readdir saw 2000 entries");
        assertFalse(Files.exists(export.resolve("gone")));
        assertFalse(Files.exists(export.resolve("tmp.txt")));
        assertEquals("in-d1\n", Files.readString(export.resolve("d2-read.txt")));
        assertTrue(Files.isDirectory(export.resolve("d2")) && !Files.exists(export.resolve("d1")));
        int mode = (Integer) Files.getAttribute(export.resolve("fifo"), "unix:mode", LinkOption.NOFOLLOW_LINKS);
        assertEquals(0010000, mode & 0170000, "FIFO made by MKNOD");
    }
}
