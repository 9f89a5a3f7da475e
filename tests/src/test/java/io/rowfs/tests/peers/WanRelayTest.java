package io.rowfs.tests.peers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The WAN relay on loopback: it delays, it keeps order and throughput, it paces. */
class WanRelayTest {
    private ServerSocket echo;

    @BeforeEach
    void startEcho() throws Exception {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread c = new Thread(() -> {
                        try (s) {
                            s.getInputStream().transferTo(s.getOutputStream());
                        } catch (Exception ignored) {
                            // peer closed
                        }
                    });
                    c.setDaemon(true);
                    c.start();
                } catch (Exception e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @AfterEach
    void stopEcho() throws Exception {
        echo.close();
    }

    private WanRelay relay(Duration delay, long rate) throws Exception {
        return WanRelay.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), echo.getLocalPort()), delay, rate);
    }

    @Test
    void roundTripTakesTwiceTheOneWayDelay() throws Exception {
        try (WanRelay r = relay(Duration.ofMillis(40), 0);
             Socket s = new Socket(InetAddress.getLoopbackAddress(), r.port())) {
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(1);
            in.read(); // warm-up: connection set-up
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                out.write(i);
                in.read();
                best = Math.min(best, System.nanoTime() - t0);
            }
            long ms = best / 1_000_000;
            assertTrue(ms >= 80 && ms < 300, "round trip " + ms + " ms, want ~80 (2 x 40 ms)");
        }
    }

    @Test
    void bulkTransferIsNotSerialisedBehindTheDelay() throws Exception {
        byte[] data = new byte[32 * 1024 * 1024];
        new Random(3).nextBytes(data);
        try (WanRelay r = relay(Duration.ofMillis(15), 0);
             Socket s = new Socket(InetAddress.getLoopbackAddress(), r.port())) {
            long t0 = System.nanoTime();
            Thread writer = new Thread(() -> {
                try {
                    s.getOutputStream().write(data);
                    s.shutdownOutput();
                } catch (Exception ignored) {
                    // reader fails then
                }
            });
            writer.start();
            byte[] back = new byte[data.length];
            new DataInputStream(s.getInputStream()).readFully(back);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            writer.join();
            assertArrayEquals(data, back, "bytes arrive complete and in order");
            // 32 MiB in 64 KiB chunks is >= 512 chunks each way: serialised that is >= 15 s
            assertTrue(ms < 5000, "32 MiB echoed through 2 x 15 ms took " + ms + " ms");
        }
    }

    @Test
    void rateLimitPacesTheTransfer() throws Exception {
        byte[] data = new byte[2 * 1024 * 1024];
        try (WanRelay r = relay(Duration.ZERO, 4 * 1024 * 1024);
             Socket s = new Socket(InetAddress.getLoopbackAddress(), r.port())) {
            long t0 = System.nanoTime();
            Thread writer = new Thread(() -> {
                try {
                    s.getOutputStream().write(data);
                } catch (Exception ignored) {
                    // reader fails then
                }
            });
            writer.start();
            new DataInputStream(s.getInputStream()).readFully(new byte[data.length]);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            writer.join();
            assertTrue(ms >= 400, "2 MiB at 4 MiB/s (each way) took only " + ms + " ms");
        }
    }

    @Test
    void badConfigurationIsRejected() {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        assertThrows(IllegalArgumentException.class, () -> WanRelay.start(any, any, Duration.ofMillis(-1), 0));
        assertThrows(IllegalArgumentException.class, () -> WanRelay.start(any, any, Duration.ZERO, -5));
        assertThrows(IllegalArgumentException.class, () -> WanRelay.hostPort("nohostport"));
    }
}
