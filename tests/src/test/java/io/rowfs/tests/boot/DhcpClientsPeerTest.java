package io.rowfs.tests.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.tests.peers.ManagedProcess;
import io.rowfs.tests.peers.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * udhcpc and dhclient against {@code rowfs boot} across a bridge in network namespaces: they obtain
 * different addresses, renew them (lease time 20 s, so T1 comes after 10 s), keep them across a
 * restart of the server (the lease file), and release them; garbage sent to port 67 does not stop it.
 */
@Tag("peer")
class DhcpClientsPeerTest {
    private static final Pattern UDHCPC_LEASE = Pattern.compile("lease of (10\\.77\\.0\\.\\d+) obtained");
    private static final Pattern DHCLIENT_BOUND = Pattern.compile("bound to (10\\.77\\.0\\.\\d+)");

    @TempDir
    Path dir;

    @Test
    void obtainRenewSurviveRestartAndRelease() throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        Path leases = dir.resolve("leases");
        Path udhcpcScript = BootLan.script(dir.resolve("udhcpc.sh"), """
                #!/bin/sh
                echo "event $1 ip=$ip siaddr=$siaddr boot_file=$boot_file"
                case "$1" in
                  deconfig) ip addr flush dev "$interface" ;;
                  bound|renew) ip addr flush dev "$interface"; ip addr add "$ip/${mask:-24}" dev "$interface" ;;
                esac
                exit 0
                """);
        Path dhclientScript = BootLan.script(dir.resolve("dhclient.sh"), """
                #!/bin/sh
                case "$reason" in
                  BOUND|RENEW|REBIND|REBOOT) ip addr replace "$new_ip_address/24" dev "$interface" ;;
                  EXPIRE|FAIL|RELEASE|STOP) [ -n "$old_ip_address" ] && ip addr del "$old_ip_address/24" dev "$interface" ;;
                esac
                exit 0
                """);
        List<String> serverArgs = List.of("--root", root.toString(), "--range", "10.77.0.100-10.77.0.120",
                "--lease-file", leases.toString(), "--lease-time", "20", "--http", "0", "--tftp", "0");
        try (BootLan lan = new BootLan(3)) {
            ManagedProcess server = lan.startServer("boot-1", serverArgs);
            ManagedProcess udhcpc = lan.clients.start("udhcpc", List.of("udhcpc", "-f", "-i", "vc1", "-s",
                    udhcpcScript.toString(), "-t", "5", "-T", "1"));
            String dhclientLeases = dir.resolve("dhclient.leases").toString();
            String dhclientPid = dir.resolve("dhclient.pid").toString();
            ManagedProcess dhclient = lan.clients.start("dhclient", List.of("dhclient", "-4", "-v", "-d", "-sf",
                    dhclientScript.toString(), "-lf", dhclientLeases, "-pf", dhclientPid, "vc2"));
            // udhcpc logs "lease of ... obtained" before it runs the script: wait for the script's line
            udhcpc.awaitLog("event bound ip=10.77.0.", Duration.ofSeconds(20));
            dhclient.awaitLog("bound to 10.77.0.", Duration.ofSeconds(30));
            String a = first(UDHCPC_LEASE, udhcpc.logText());
            String b = first(DHCLIENT_BOUND, dhclient.logText());
            assertNotEquals(a, b, "two clients, two addresses");
            assertTrue(udhcpc.logText().contains("boot_file=undionly.kpxe"), udhcpc.logText());
            String leaseLog = Files.readString(leases);
            assertTrue(leaseLog.contains(" " + a + " ") && leaseLog.contains(" " + b + " "), leaseLog);

            // renewals (unicast REQUEST from the bound address, ACK to it)
            awaitCount(udhcpc, UDHCPC_LEASE, 2, Duration.ofSeconds(25));
            awaitCount(dhclient, DHCLIENT_BOUND, 2, Duration.ofSeconds(25));
            assertEquals(a, last(UDHCPC_LEASE, udhcpc.logText()));
            assertEquals(b, last(DHCLIENT_BOUND, dhclient.logText()));
            assertTrue(udhcpc.logText().contains("sending renew"), udhcpc.logText());
            assertTrue(server.logText().contains("ACK " + a + " file undionly.kpxe to /" + a + ":68"), server.tail());

            // garbage and truncated packets at port 67 are dropped, the server keeps serving
            lan.clients.startJava("junk", List.of("-Xmx64m"), UdpProbe.class.getName(), BootLan.SERVER_IP, "67", "junk",
                    "300").waitFor(Duration.ofSeconds(30));
            awaitCount(server, Pattern.compile("DEBUG .*dhcp: dropped a request from"), 1, Duration.ofSeconds(10));
            assertFalse(server.logText().contains("] ERROR ") || server.logText().contains("\n\tat "),
                    "malformed requests are dropped quietly: " + server.tail());

            // restart: the leases come back from the file
            lan.stopServer();
            server = lan.startServer("boot-2", serverArgs);
            assertTrue(server.logText().matches("(?s).*lease file .*: [1-9][0-9]* events replayed.*"), server.tail());
            ProcessResult third = lan.clients.exec(Duration.ofSeconds(30), "udhcpc", "-q", "-n", "-f", "-i", "vc3",
                    "-s", udhcpcScript.toString(), "-t", "5", "-T", "1");
            String c = first(UDHCPC_LEASE, third.stdoutText() + third.stderrText());
            assertNotEquals(a, c, "a restarted server must not hand out a leased address");
            assertNotEquals(b, c, "a restarted server must not hand out a leased address");
            awaitCount(udhcpc, UDHCPC_LEASE, 3, Duration.ofSeconds(25));
            assertEquals(a, last(UDHCPC_LEASE, udhcpc.logText()), "renewal after restart keeps the address");

            // release
            lan.clients.exec(Duration.ofSeconds(10), "kill", "-USR2", Long.toString(udhcpc.pid())).checkOk();
            server.awaitLog("RELEASE of " + a + " from", Duration.ofSeconds(10));
            lan.clients.exec(Duration.ofSeconds(20), "dhclient", "-4", "-r", "-sf", dhclientScript.toString(), "-lf",
                    dhclientLeases, "-pf", dhclientPid, "vc2");
            server.awaitLog("RELEASE of " + b + " from", Duration.ofSeconds(10));
            assertTrue(server.logText().contains("RELEASE of " + b + " from") && server.logText().contains(": freed"));
            assertTrue(server.isAlive());
            String finalLog = Files.readString(leases);
            assertTrue(finalLog.contains("free ") , finalLog);
            udhcpc.close();
            dhclient.close();
            assertFalse(server.logText().contains("Exception"), server.tail());
        }
    }

    /**
     * proxyDHCP: a plain client (udhcpc) gets no answer; a PXE REQUEST sent to port 4011 from an
     * ephemeral port (busybox nc) is answered with boot information at that address and port.
     */
    @Test
    void proxyModeAnswersPort4011AtTheSourcePort() throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        try (BootLan lan = new BootLan(1)) {
            lan.clients.exec(Duration.ofSeconds(10), "ip", "addr", "add", "10.77.0.50/24", "dev", "vc1").checkOk();
            ManagedProcess server = lan.startServer("boot-proxy", List.of("--root", root.toString(), "--dhcp", "proxy",
                    "--http", "8080", "--tftp", "0", "--lease-file", dir.resolve("unused").toString()));
            assertTrue(server.logText().contains("proxy mode on br0 port 67 and 4011"), server.tail());
            ProcessResult plain = lan.clients.exec(Duration.ofSeconds(20), "udhcpc", "-q", "-n", "-f", "-i", "vc1",
                    "-s", "/bin/true", "-t", "2", "-T", "1");
            assertNotEquals(0, plain.exitCode(), "proxy mode must not answer a non-PXE client: " + plain.describe());

            org.dhcp4java.DHCPPacket req = new org.dhcp4java.DHCPPacket();
            req.setOp((byte) 1);
            req.setHtype((byte) 1);
            req.setHlen((byte) 6);
            req.setXid(0x4011);
            req.setChaddrHex("525400770050");
            req.setCiaddr("10.77.0.50");
            req.setDHCPMessageType((byte) 3);
            req.setOptionAsString((byte) 60, "PXEClient:Arch:00007:UNDI:003016");
            req.setOptionRaw((byte) 93, new byte[] {0, 7});
            Path packet = dir.resolve("request.bin");
            Files.write(packet, req.serialize());
            ManagedProcess probe = lan.clients.startJava("probe", List.of("-Xmx64m"), UdpProbe.class.getName(),
                    BootLan.SERVER_IP, "4011", "send", packet.toString(), dir.resolve("reply.bin").toString());
            assertEquals(0, probe.waitFor(Duration.ofSeconds(30)), probe.tail());
            byte[] reply = Files.readAllBytes(dir.resolve("reply.bin"));
            assertTrue(reply.length >= 300, "no reply at the source port:\n" + server.tail());
            org.dhcp4java.DHCPPacket ack = org.dhcp4java.DHCPPacket.getPacket(reply, 0, reply.length, false);
            assertEquals(Byte.valueOf((byte) 5), ack.getDHCPMessageType());
            assertEquals(0x4011, ack.getXid());
            assertEquals("ipxe.efi", ack.getFile(), "UEFI x64 gets the x64 loader");
            assertEquals("0.0.0.0", ack.getYiaddr().getHostAddress(), "proxyDHCP assigns no address");
            assertTrue(server.logText().contains("to /10.77.0.50:"), server.tail());
        }
    }

    private static String first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertTrue(m.find(), "no match for " + p + " in:\n" + text);
        return m.group(1);
    }

    private static String last(Pattern p, String text) {
        Matcher m = p.matcher(text);
        String found = null;
        while (m.find()) {
            found = m.group(1);
        }
        assertTrue(found != null, "no match for " + p + " in:\n" + text);
        return found;
    }

    private static void awaitCount(ManagedProcess proc, Pattern p, int n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            Matcher m = p.matcher(proc.logText());
            int count = 0;
            while (m.find()) {
                count++;
            }
            if (count >= n) {
                return;
            }
            assertTrue(System.nanoTime() < end, "expected " + n + " matches of " + p + " within " + timeout
                    + ":\n" + proc.tail());
            Thread.sleep(200);
        }
    }
}
