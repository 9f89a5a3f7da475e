package io.rowfs.tests.peers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortBridgeTest {
    @TempDir
    Path dir;

    @Test
    void tcpToUnixToTcpCarriesBytesBothWays() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = echo.accept()) {
                    s.getInputStream().transferTo(s.getOutputStream());
                } catch (Exception ignored) {
                    // test ends
                }
            });
            t.setDaemon(true);
            t.start();
            String sock = "unix:" + dir.resolve("b.sock");
            try (PortBridge inner = PortBridge.start(sock, "tcp:127.0.0.1:" + echo.getLocalPort());
                 PortBridge outer = PortBridge.start("tcp:127.0.0.1:0", sock);
                 Socket c = new Socket(InetAddress.getLoopbackAddress(), outer.port())) {
                byte[] data = new byte[1 << 20];
                new Random(1).nextBytes(data);
                OutputStream out = c.getOutputStream();
                out.write(data);
                c.shutdownOutput();
                InputStream in = c.getInputStream();
                assertArrayEquals(data, in.readAllBytes());
            }
        }
    }

    @Test
    void badEndpointsAreRejectedWithTheInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PortBridge.parse("udp:1.2.3.4:5"));
        assertTrue(e.getMessage().contains("udp:1.2.3.4:5"));
        assertThrows(IllegalArgumentException.class, () -> PortBridge.parse("tcp:127.0.0.1:x"));
        assertThrows(IllegalArgumentException.class, () -> PortBridge.parse("tcp:nohost"));
    }
}
