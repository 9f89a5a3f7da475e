package io.rowfs.boot.tftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.rowfs.boot.Transports;
import io.rowfs.boot.files.BootRoot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TFTP server on real 127.0.0.1 sockets, driven by a minimal client written for the test. */
class TftpServerTest {
    @TempDir
    Path dir;
    EventLoopGroup group;
    TftpServer server;
    InetSocketAddress address;
    byte[] small;

    @BeforeEach
    void setUp() throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        Files.writeString(dir.resolve("secret"), "outside");
        small = random(3000, 1);
        Files.write(root.resolve("small.bin"), small);
        Files.write(root.resolve("exact.bin"), random(1024, 2));
        Files.writeString(root.resolve("text.txt"), "a\nb\rc");
        group = Transports.group(2);
        TftpConfig config = new TftpConfig(1468, 64, Duration.ofMillis(200), 3, 2, 16);
        server = new TftpServer(new BootRoot(root), config, group);
        address = server.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void tearDown() {
        server.close();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] rrq(int opcode, String name, String mode, String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(opcode);
        for (String s : concat(name, mode, options)) {
            out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
            out.write(0);
        }
        return out.toByteArray();
    }

    private static String[] concat(String a, String b, String[] rest) {
        String[] all = new String[rest.length + 2];
        all[0] = a;
        all[1] = b;
        System.arraycopy(rest, 0, all, 2, rest.length);
        return all;
    }

    static byte[] ack(int block) {
        return new byte[] {0, 4, (byte) (block >> 8), (byte) block};
    }

    static DatagramPacket receive(DatagramSocket s) throws IOException {
        DatagramPacket p = new DatagramPacket(new byte[70000], 70000);
        s.receive(p);
        return p;
    }

    static int opcode(DatagramPacket p) {
        return ByteBuffer.wrap(p.getData(), 0, p.getLength()).getShort(0) & 0xFFFF;
    }

    static int second(DatagramPacket p) {
        return ByteBuffer.wrap(p.getData(), 0, p.getLength()).getShort(2) & 0xFFFF;
    }

    /** Fetches a file in lock step (window 1), answering OACK with ACK 0. */
    byte[] fetch(DatagramSocket s, String name, int blksize, String... options) throws IOException {
        s.send(new DatagramPacket(rrq(1, name, "octet", options), 0, rrq(1, name, "octet", options).length, address));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int expect = 1;
        while (true) {
            DatagramPacket p = receive(s);
            SocketAddress tid = p.getSocketAddress();
            int op = opcode(p);
            if (op == TftpPackets.OACK) {
                s.send(new DatagramPacket(ack(0), 4, tid));
                continue;
            }
            if (op == TftpPackets.ERROR) {
                throw new IOException("ERROR " + second(p));
            }
            assertEquals(TftpPackets.DATA, op);
            assertEquals(expect & 0xFFFF, second(p));
            out.write(p.getData(), 4, p.getLength() - 4);
            s.send(new DatagramPacket(ack(second(p)), 4, tid));
            expect++;
            if (p.getLength() - 4 < blksize) {
                return out.toByteArray();
            }
        }
    }

    @Test
    void plainAndNegotiatedReads() throws Exception {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(3000);
            assertArrayEquals(small, fetch(s, "small.bin", 512));
        }
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(3000);
            assertArrayEquals(small, fetch(s, "small.bin", 1000, "blksize", "1000", "tsize", "0"));
        }
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(3000);
            byte[] exact = Files.readAllBytes(dir.resolve("root/exact.bin"));
            assertArrayEquals(exact, fetch(s, "exact.bin", 512), "a multiple of blksize ends with an empty block");
        }
    }

    @Test
    void windowedReadAcksWindowEnds() throws Exception {
        byte[] file = random(1000 * 100 + 17, 4);
        Files.write(dir.resolve("root/w.bin"), file);
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(3000);
            byte[] req = rrq(1, "w.bin", "octet", "blksize", "1000", "windowsize", "8");
            s.send(new DatagramPacket(req, req.length, address));
            DatagramPacket oack = receive(s);
            assertEquals(TftpPackets.OACK, opcode(oack));
            SocketAddress tid = oack.getSocketAddress();
            s.send(new DatagramPacket(ack(0), 4, tid));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int expect = 1;
            boolean droppedOnce = false;
            while (true) {
                DatagramPacket p = receive(s);
                assertEquals(TftpPackets.DATA, opcode(p));
                int block = second(p);
                int len = p.getLength() - 4;
                if (block == 20 && !droppedOnce) {
                    droppedOnce = true; // pretend block 20 was lost: ACK 19, expect a resend from 20
                    s.send(new DatagramPacket(ack(19), 4, tid));
                    expect = 20;
                    continue;
                }
                if (block != expect) {
                    continue; // the rest of a window after a gap
                }
                out.write(p.getData(), 4, len);
                expect++;
                if (len < 1000) {
                    s.send(new DatagramPacket(ack(block), 4, tid));
                    break;
                }
                if (block % 8 == 0) {
                    s.send(new DatagramPacket(ack(block), 4, tid));
                }
            }
            assertArrayEquals(file, out.toByteArray());
        }
    }

    @Test
    void netasciiConvertsLineEnds() throws Exception {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(3000);
            byte[] req = rrq(1, "text.txt", "netascii");
            s.send(new DatagramPacket(req, req.length, address));
            DatagramPacket p = receive(s);
            assertEquals(TftpPackets.DATA, opcode(p));
            assertEquals("a\r\nb\r\0c", new String(p.getData(), 4, p.getLength() - 4, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void oackHoldsOnlyRequestedOptions() throws Exception {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(3000);
            byte[] req = rrq(1, "small.bin", "octet", "tsize", "0", "blksize", "1408", "bogus", "1");
            s.send(new DatagramPacket(req, req.length, address));
            DatagramPacket p = receive(s);
            assertEquals(TftpPackets.OACK, opcode(p));
            String body = new String(p.getData(), 2, p.getLength() - 2, StandardCharsets.US_ASCII);
            assertEquals("tsize\u00003000\u0000blksize\u00001408\u0000", body);
            s.send(new DatagramPacket(new byte[] {0, 5, 0, 8, 0}, 5, p.getSocketAddress())); // UEFI size probe
        }
        waitFor(() -> server.activeTransfers() == 0);
    }

    @Test
    void duplicateAckDoesNotResendAndStrangersGetError5() throws Exception {
        try (DatagramSocket s = new DatagramSocket(); DatagramSocket stranger = new DatagramSocket()) {
            s.setSoTimeout(3000);
            stranger.setSoTimeout(3000);
            byte[] req = rrq(1, "small.bin", "octet");
            s.send(new DatagramPacket(req, req.length, address));
            DatagramPacket d1 = receive(s);
            SocketAddress tid = d1.getSocketAddress();
            assertNotEquals(address, tid, "transfers use their own port");
            s.send(new DatagramPacket(ack(1), 4, tid));
            assertEquals(2, second(receive(s)));
            s.send(new DatagramPacket(ack(1), 4, tid)); // duplicate
            s.setSoTimeout(150); // shorter than the retransmission timeout (200 ms)
            assertThrows(SocketTimeoutException.class, () -> receive(s), "no DATA in answer to a duplicate ACK");
            stranger.send(new DatagramPacket(ack(2), 4, tid));
            DatagramPacket err = receive(stranger);
            assertEquals(TftpPackets.ERROR, opcode(err));
            assertEquals(TftpPackets.ERR_UNKNOWN_TID, second(err));
            // the timeout (200 ms) then resends block 2, once
            s.setSoTimeout(3000);
            assertEquals(2, second(receive(s)));
        }
    }

    @Test
    void closingTheServerEndsATransferWaitingForAnAck() throws Exception {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(3000);
            byte[] req = rrq(1, "small.bin", "octet");
            s.send(new DatagramPacket(req, req.length, address));
            assertEquals(1, second(receive(s)));
            assertEquals(1, server.activeTransfers());
            server.close(); // no ACK comes: the transfer is blocked waiting for one
            waitFor(() -> server.activeTransfers() == 0);
        }
    }

    @Test
    void transferPortClosesWhenTheTransferEnds() throws Exception {
        try (DatagramSocket s = new DatagramSocket(); DatagramSocket stranger = new DatagramSocket()) {
            s.setSoTimeout(3000);
            byte[] req = rrq(1, "small.bin", "octet");
            s.send(new DatagramPacket(req, req.length, address));
            SocketAddress tid = null;
            for (int block = 1; block <= 6; block++) { // 3000 bytes: five full blocks and a short one
                DatagramPacket d = receive(s);
                assertEquals(block, second(d));
                tid = d.getSocketAddress();
                s.send(new DatagramPacket(ack(block), 4, tid));
            }
            waitFor(() -> server.activeTransfers() == 0);
            Thread.sleep(200); // the twin closes in a listener of the transfer channel's close
            // neither the transfer socket nor its ERROR 5 twin is left on the port
            stranger.setSoTimeout(300);
            stranger.send(new DatagramPacket(ack(1), 4, tid));
            assertThrows(SocketTimeoutException.class, () -> receive(stranger), "no ERROR 5 after the transfer");
        }
    }

    @Test
    void givesUpAfterRetries() throws Exception {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(5000);
            byte[] req = rrq(1, "small.bin", "octet");
            s.send(new DatagramPacket(req, req.length, address));
            int data = 0;
            while (true) {
                DatagramPacket p = receive(s);
                if (opcode(p) == TftpPackets.ERROR) {
                    break;
                }
                data++;
            }
            assertEquals(4, data, "first send and 3 retries");
        }
        waitFor(() -> server.activeTransfers() == 0);
    }

    @Test
    void writeRequestsAndTraversalAreRefused() throws Exception {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(3000);
            for (String[] c : new String[][] {{"2", "small.bin", "2"}, {"1", "../secret", "2"},
                {"1", "..\\secret", "2"}, {"1", "/etc/passwd", "1"}, {"1", "%2e%2e/secret", "1"},
                {"1", "nothere", "1"}}) {
                byte[] req = rrq(Integer.parseInt(c[0]), c[1], "octet");
                s.send(new DatagramPacket(req, req.length, address));
                DatagramPacket p = receive(s);
                assertEquals(TftpPackets.ERROR, opcode(p), c[1]);
                assertEquals(Integer.parseInt(c[2]), second(p), c[1]);
            }
        }
    }

    @Test
    void garbageIsIgnoredAndServerKeepsWorking() throws Exception {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(200);
            Random r = new Random(7);
            for (int i = 0; i < 200; i++) {
                byte[] junk = new byte[r.nextInt(40)];
                r.nextBytes(junk);
                if (junk.length > 1 && r.nextBoolean()) {
                    junk[0] = 0;
                    junk[1] = (byte) (1 + r.nextInt(6));
                }
                s.send(new DatagramPacket(junk, junk.length, address));
            }
            byte[] truncated = {0, 1, 's', 'm'};
            s.send(new DatagramPacket(truncated, truncated.length, address));
            while (true) {
                try {
                    receive(s); // junk that happened to parse may get an ERROR back; drain it
                } catch (SocketTimeoutException e) {
                    break;
                }
            }
        }
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(3000);
            assertArrayEquals(small, fetch(s, "small.bin", 512));
        }
    }

    @Test
    void perClientLimit() throws Exception {
        try (DatagramSocket a = new DatagramSocket(); DatagramSocket b = new DatagramSocket();
             DatagramSocket c = new DatagramSocket()) {
            for (DatagramSocket s : new DatagramSocket[] {a, b, c}) {
                s.setSoTimeout(3000);
                byte[] req = rrq(1, "small.bin", "octet");
                s.send(new DatagramPacket(req, req.length, address));
            }
            assertEquals(TftpPackets.DATA, opcode(receive(a)));
            assertEquals(TftpPackets.DATA, opcode(receive(b)));
            DatagramPacket third = receive(c);
            assertEquals(TftpPackets.ERROR, opcode(third), "a third transfer from 127.0.0.1 exceeds the limit of 2");
        }
    }

    @Test
    void rolloverWithTinyBlocks() throws Exception {
        byte[] big = random(70000 * 8 + 3, 3);
        Files.write(dir.resolve("root/big.bin"), big);
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(3000);
            assertArrayEquals(big, fetch(s, "big.bin", 8, "blksize", "8"));
        }
    }

    /** A client that answers each block after 0.3 ms (a slow network) is served to the end. */
    @Test
    void slowLockStepClientIsServed() throws Exception {
        int blocks = 300;
        byte[] file = random(blocks * 512 + 7, 4);
        Files.write(dir.resolve("root/slow.bin"), file);
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(3000);
            s.send(new DatagramPacket(rrq(1, "slow.bin", "octet"), rrq(1, "slow.bin", "octet").length, address));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                DatagramPacket p = receive(s);
                assertEquals(TftpPackets.DATA, opcode(p));
                out.write(p.getData(), 4, p.getLength() - 4);
                Thread.sleep(0, 300_000);
                s.send(new DatagramPacket(ack(second(p)), 4, p.getSocketAddress()));
                if (p.getLength() - 4 < 512) {
                    break;
                }
            }
            assertArrayEquals(file, out.toByteArray());
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (!cond.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "condition not met in 5 s");
            Thread.sleep(20);
        }
    }
}
