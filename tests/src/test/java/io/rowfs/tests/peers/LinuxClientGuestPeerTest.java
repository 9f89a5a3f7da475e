package io.rowfs.tests.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux kernel NFS client in a QEMU guest against nfs-ganesha, both in one test namespace: proves
 * the guest image, run-guest.sh, QemuGuest, and running a Java process inside the namespace
 * (the way the shadow server is tested).
 */
@Tag("peer")
class LinuxClientGuestPeerTest {
    @TempDir
    Path dir;

    @Test
    void kernelClientReadsAndWritesAGaneshaExport() throws Exception {
        Files.writeString(dir.resolve("host.txt"), "made-on-the-host\n");
        try (Netns ns = Netns.create("infra-guest", "tap0", "10.0.2.1/24");
             Ganesha g = Ganesha.builder(dir).netns(ns).hostBridge(false).start()) {
            QemuGuest.Result r = QemuGuest.kernel(ns, "tap0", GuestImage.build())
                    .staticIp("10.0.2.15/24")
                    .nfsMount("10.0.2.1", g.exportPath(), g.nfsPort(), g.mountPort())
                    .script("set -e\ncat /mnt/host.txt\necho made-in-the-guest > /mnt/guest.txt\n"
                            + "dd if=/dev/zero of=/mnt/zero.bin bs=64k count=16\nsync")
                    .timeout(Duration.ofSeconds(90))
                    .run()
                    .assertOk();
            assertTrue(r.serialLog().contains("made-on-the-host"), "guest read the host's file");
            assertEquals("made-in-the-guest\n", Files.readString(dir.resolve("guest.txt")));
            assertEquals(1024 * 1024, Files.size(dir.resolve("zero.bin")));
        }
    }

    @Test
    void javaProcessInsideTheNamespaceIsReachableFromTheGuest() throws Exception {
        try (Netns ns = Netns.create("infra-guest", "tap0", "10.0.2.1/24");
             Ganesha g = Ganesha.builder(dir).netns(ns).hostBridge(false).start()) {
            // a JVM with this test's classpath, in the namespace, listening on the tap address
            ManagedProcess relay = ns.startJava("relay", List.of("-Xmx64m"), WanRelay.class.getName(),
                    "--delay-ms", "5", "10.0.2.1:3049=127.0.0.1:" + g.nfsPort(),
                    "10.0.2.1:30048=127.0.0.1:" + g.mountPort());
            relay.awaitLog("listening 10.0.2.1:30048", Duration.ofSeconds(30));
            QemuGuest.kernel(ns, "tap0", GuestImage.build())
                    .staticIp("10.0.2.15/24")
                    .nfsMount("10.0.2.1", g.exportPath(), 3049, 30048)
                    .script("echo through-the-relay > /mnt/relayed.txt")
                    .timeout(Duration.ofSeconds(90))
                    .run()
                    .assertOk();
            assertEquals("through-the-relay\n", Files.readString(dir.resolve("relayed.txt")));
        }
    }

    @Test
    void failedMountIsReportedWithItsReason() throws Exception {
        try (Netns ns = Netns.create("infra-guest", "tap0", "10.0.2.1/24");
             Ganesha g = Ganesha.builder(dir).netns(ns).hostBridge(false).start()) {
            QemuGuest.Result r = QemuGuest.kernel(ns, "tap0", GuestImage.build())
                    .staticIp("10.0.2.15/24")
                    .nfsMount("10.0.2.1", "/no/such/export", g.nfsPort(), g.mountPort())
                    .timeout(Duration.ofSeconds(90))
                    .run();
            assertFalse(r.ok());
            assertEquals(1, r.status(), r.runnerLog());
            assertNotNull(r.failReason(), r.serialLog());
            assertTrue(r.failReason().startsWith("mount 10.0.2.1:/no/such/export"), r.failReason());
        }
    }

    @Test
    void pxeGuestRunsIpxeOnTheSerialConsoleAndIsKilledOnClose() {
        try (Netns ns = Netns.create("infra-pxe", "tap0", "10.0.2.1/24")) {
            List<ProcessHandle> qemu;
            try (QemuGuest.Running guest = QemuGuest.pxe(ns, "tap0").timeout(Duration.ofSeconds(60)).start()) {
                guest.awaitSerial("iPXE", Duration.ofSeconds(45));
                qemu = ProcessHandle.allProcesses()
                        .filter(p -> p.info().commandLine().orElse("").contains("qemu-system-x86_64")
                                && p.info().commandLine().orElse("").contains(ns.workDir().toString()))
                        .toList();
                assertFalse(qemu.isEmpty(), "qemu of this guest is running");
            }
            assertTrue(qemu.stream().noneMatch(ProcessHandle::isAlive), "qemu gone when close() returns");
        }
    }
}
