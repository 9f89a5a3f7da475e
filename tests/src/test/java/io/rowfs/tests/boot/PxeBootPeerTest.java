package io.rowfs.tests.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.tests.peers.ManagedProcess;
import io.rowfs.tests.peers.Netns;
import io.rowfs.tests.peers.PeerScripts;
import io.rowfs.tests.peers.ProcessResult;
import io.rowfs.tests.peers.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A QEMU guest (TCG) with the iPXE NIC ROM on a tap device in a namespace PXE-boots from
 * {@code rowfs boot} alone, and its initramfs gets its address again by DHCP (udhcpc) and prints
 * ROWFS-GUEST-OK on the serial console (tests/peers/build-guest.sh and run-guest.sh).
 *
 * <p>iPXE: DHCP (iPXE recognised by its user class) gives the URL of boot.ipxe, rendered per client,
 * which loads kernel and initramfs over HTTP. pxelinux: DHCP gives pxelinux.0 over TFTP, whose
 * config loads kernel and initramfs over TFTP. iPXE waits about 13 s for IPv6 router
 * advertisements first (none are sent here; accepted).
 */
@Tag("peer")
class PxeBootPeerTest {
    static Path kernel;
    static Path initrd;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildGuest() {
        ProcessResult r = Processes.run(List.of("bash", PeerScripts.script("build-guest.sh")), Duration.ofMinutes(5))
                .checkOk();
        for (String line : r.stdoutText().split("\n")) {
            if (line.startsWith("kernel=")) {
                kernel = Path.of(line.substring(7));
            } else if (line.startsWith("initrd=")) {
                initrd = Path.of(line.substring(7));
            }
        }
        assertTrue(kernel != null && initrd != null, r.describe());
    }

    private Path root() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.copy(kernel, root.resolve("vmlinuz"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(initrd, root.resolve("initrd.img"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(root.resolve("boot.ipxe"), """
                #!ipxe
                echo rowfs boot script for {{mac}} ({{arch}}) at {{ip}}
                kernel {{http}}/vmlinuz console=ttyS0 panic=1 rowfs.dhcp=1 rowfs.mac={{mac}}
                initrd {{http}}/initrd.img
                boot
                """);
        return root;
    }

    /** The guest's serial console and the server's log (read before the namespace goes away). */
    private record Boot(String serial, String serverLog) {
    }

    private Boot boot(Path root, String nic, String mac, List<String> extraServerArgs) throws Exception {
        return boot(root, nic, mac, extraServerArgs, false);
    }

    /**
     * Boots a guest; with {@code proxy}, tap0 joins a bridge br0 (10.0.2.1, rowfs boot in proxy mode)
     * together with a veth to a second namespace where dnsmasq (10.0.2.2) hands out the addresses.
     */
    private Boot boot(Path root, String nic, String mac, List<String> extraServerArgs, boolean proxy)
            throws Exception {
        try (Netns ns = Netns.create("boot-pxe", "tap0", "10.0.2.1/24");
             Netns dhcpNs = proxy ? Netns.create("boot-dnsmasq") : null) {
            String iface = "tap0";
            if (proxy) {
                iface = "br0";
                for (String[] cmd : new String[][] {{"ip", "addr", "flush", "dev", "tap0"},
                    {"ip", "link", "add", "br0", "type", "bridge"}, {"ip", "link", "set", "tap0", "master", "br0"},
                    {"ip", "addr", "add", "10.0.2.1/24", "dev", "br0"}, {"ip", "link", "set", "br0", "up"},
                    {"ip", "link", "add", "vs", "type", "veth", "peer", "name", "vd", "netns", dhcpNs.name()},
                    {"ip", "link", "set", "vs", "master", "br0", "up"}}) {
                    ns.exec(Duration.ofSeconds(10), cmd).checkOk();
                }
                dhcpNs.exec(Duration.ofSeconds(10), "ip", "addr", "add", "10.0.2.2/24", "dev", "vd").checkOk();
                dhcpNs.exec(Duration.ofSeconds(10), "ip", "link", "set", "vd", "up").checkOk();
                dhcpNs.start("dnsmasq", List.of("dnsmasq", "--no-daemon", "--no-ping", "--port=0", "--interface=vd",
                        "--bind-interfaces", "--dhcp-range=10.0.2.100,10.0.2.120,255.255.255.0,1h",
                        "--dhcp-leasefile=" + dir.resolve("dnsmasq.leases"), "--no-resolv", "--no-hosts",
                        "--user=root", "--log-dhcp"))
                        .awaitLog("DHCP, sockets bound exclusively to interface vd", Duration.ofSeconds(20));
            }
            List<String> args = new ArrayList<>(List.of("boot", "--interface", iface, "--server-ip", "10.0.2.1",
                    "--root", root.toString(), "--range", "10.0.2.100-10.0.2.120", "--lease-file",
                    dir.resolve("leases").toString(), "--http", "8080"));
            args.addAll(extraServerArgs);
            ManagedProcess server = ns.startJava("boot", List.of("-Xmx256m"), "io.rowfs.app.Rowfs", args.toArray(String[]::new));
            server.awaitLog("boot: ready", Duration.ofSeconds(30));
            ProcessResult guest = Processes.run(List.of("bash", PeerScripts.script("run-guest.sh"), "--netns", ns.name(),
                    "--tap", "tap0", "--pxe", "--nic", nic, "--mac", mac, "--timeout", "110"), Duration.ofSeconds(130));
            String serial = guest.stdoutText();
            String serverLog = server.logText();
            assertEquals(0, guest.exitCode(), "guest did not boot; serial:\n" + tail(serial) + "\nstderr: "
                    + guest.stderrText() + "\nserver:\n" + tail(serverLog));
            assertTrue(serial.contains("ROWFS-GUEST-OK"), tail(serial));
            assertTrue(serial.matches("(?s).*udhcpc: lease of 10\\.0\\.2\\.1[0-2][0-9] obtained from 10\\.0\\.2\\.[12].*"),
                    "the initramfs got its address by DHCP again:\n" + tail(serial));
            assertFalse(serverLog.contains("Exception"), tail(serverLog));
            return new Boot(serial, serverLog);
        }
    }

    @Test
    void ipxeScriptKernelAndInitrdOverHttpVirtio() throws Exception {
        Boot b = boot(root(), "virtio-net-pci", "52:54:00:77:00:01", List.of());
        String serial = b.serial();
        String log = b.serverLog();
        assertTrue(log.contains("DISCOVER from 52:54:00:77:00:01 (bios, PXEClient"), tail(log));
        assertTrue(log.contains("iPXE) -> OFFER 10.0.2.1"), tail(log));
        assertTrue(log.contains("file http://10.0.2.1:8080/boot.ipxe"), tail(log));
        assertTrue(log.contains("GET /vmlinuz -> 200") && log.contains("GET /initrd.img -> 200"), tail(log));
        assertTrue(serial.contains("rowfs.mac=52:54:00:77:00:01"), "script rendered for this client:\n" + tail(serial));
    }

    @Test
    void ipxeWithE1000() throws Exception {
        String serial = boot(root(), "e1000", "52:54:00:77:00:02", List.of()).serial();
        assertTrue(serial.contains("82540em"), "e1000 NIC in use:\n" + tail(serial));
        assertTrue(serial.contains("rowfs.mac=52:54:00:77:00:02"), tail(serial));
    }

    @Test
    void pxelinuxOverTftp() throws Exception {
        Path root = root();
        Files.copy(Path.of("/usr/lib/PXELINUX/pxelinux.0"), root.resolve("pxelinux.0"));
        Files.copy(Path.of("/usr/lib/syslinux/modules/bios/ldlinux.c32"), root.resolve("ldlinux.c32"));
        Files.createDirectories(root.resolve("pxelinux.cfg"));
        Files.writeString(root.resolve("pxelinux.cfg/default"), """
                DEFAULT linux
                PROMPT 0
                TIMEOUT 0
                LABEL linux
                  KERNEL vmlinuz
                  INITRD initrd.img
                  APPEND console=ttyS0 panic=1 rowfs.dhcp=1 rowfs.via=pxelinux
                """);
        Boot b = boot(root, "virtio-net-pci", "52:54:00:77:00:03",
                List.of("--bios-file", "pxelinux.0", "--ipxe-script="));
        String serial = b.serial();
        String log = b.serverLog();
        assertTrue(serial.contains("PXELINUX"), tail(serial));
        assertTrue(serial.contains("rowfs.via=pxelinux"), tail(serial));
        assertTrue(log.contains("tftp: sent pxelinux.0 to"), tail(log));
        assertTrue(log.contains("tftp: sent vmlinuz to") && log.contains("tftp: sent initrd.img to"), tail(log));
        assertFalse(log.contains("GET /vmlinuz"), "pxelinux loads the kernel over TFTP");
    }

    @Test
    void proxyDhcpNextToDnsmasq() throws Exception {
        Boot b = boot(root(), "virtio-net-pci", "52:54:00:77:00:04", List.of("--dhcp", "proxy"), true);
        String log = b.serverLog();
        assertTrue(log.contains("proxy mode on br0 port 67 and 4011"), tail(log));
        assertTrue(log.contains("-> OFFER  file http://10.0.2.1:8080/boot.ipxe"), tail(log));
        assertTrue(log.contains("GET /vmlinuz -> 200"), tail(log));
        // This iPXE takes the boot file from the ProxyDHCP offer and sends no request to port 4011;
        // the 4011 reply rule (to the request's source) is covered by DhcpLogicTest.
        assertTrue(b.serial().contains("obtained from 10.0.2.2"), "dnsmasq gave the address:\n" + tail(b.serial()));
    }

    private static String tail(String s) {
        return s.length() <= 5000 ? s : "..." + s.substring(s.length() - 5000);
    }
}
