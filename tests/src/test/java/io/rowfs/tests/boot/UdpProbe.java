package io.rowfs.tests.boot;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A UDP client to run inside a test's network namespace (busybox nc has no UDP):
 * {@code UdpProbe HOST PORT send FILE OUT} sends FILE from an ephemeral port and writes the first
 * reply (or nothing within 3 s) to OUT; {@code UdpProbe HOST PORT junk N} sends N random and
 * truncated datagrams.
 */
public final class UdpProbe {
    private UdpProbe() {
    }

    public static void main(String[] args) throws Exception {
        InetSocketAddress to = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        try (DatagramSocket s = new DatagramSocket()) {
            if (args[2].equals("junk")) {
                Random r = new Random(11);
                for (int i = 0; i < Integer.parseInt(args[3]); i++) {
                    byte[] b = new byte[r.nextInt(700)];
                    r.nextBytes(b);
                    if (b.length > 3 && r.nextBoolean()) {
                        b[0] = 1; // BOOTREQUEST, Ethernet: a plausible start, then garbage or a cut
                        b[1] = 1;
                        b[2] = 6;
                    }
                    s.send(new DatagramPacket(b, b.length, to));
                }
                return;
            }
            byte[] out = Files.readAllBytes(Path.of(args[3]));
            s.send(new DatagramPacket(out, out.length, to));
            s.setSoTimeout(3000);
            DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
            try {
                s.receive(reply);
                Files.write(Path.of(args[4]), java.util.Arrays.copyOf(reply.getData(), reply.getLength()));
            } catch (SocketTimeoutException e) {
                Files.write(Path.of(args[4]), new byte[0]);
            }
        }
    }
}
