package io.rowfs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class HostPortTest {
    @Test
    void parsesIpv4Ipv6AndPortBounds() throws Exception {
        assertEquals(new InetSocketAddress("127.0.0.1", 2049), HostPort.parse("--listen", "127.0.0.1:2049"));
        assertEquals(new InetSocketAddress("::1", 0), HostPort.parse("--listen", "[::1]:0"));
        assertEquals(65535, HostPort.parse("--listen", "127.0.0.1:65535").getPort());
    }

    @Test
    void errorsNameTheOptionAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostPort.parse("--metrics", "9477"));
        assertTrue(e.getMessage().contains("--metrics") && e.getMessage().contains("9477"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HostPort.parse("--listen", "127.0.0.1:65536"));
        assertThrows(IllegalArgumentException.class, () -> HostPort.parse("--listen", "127.0.0.1:x"));
        assertThrows(IllegalArgumentException.class, () -> HostPort.parse("--listen", ":2049"));
    }
}
