package io.rowfs.boot.tftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NegotiationTest {
    private final TftpConfig config = TftpConfig.defaults();

    private static Map<String, String> opts(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void noOptionsNoOack() {
        Negotiation n = Negotiation.of(Map.of(), 100, config);
        assertTrue(n.oack().isEmpty());
        assertEquals(512, n.blksize());
        assertEquals(1, n.windowsize());
    }

    @Test
    void acknowledgesOnlyWhatWasAsked() {
        Negotiation n = Negotiation.of(opts("tsize", "0", "blksize", "1408"), 12345, config);
        assertEquals(Map.of("tsize", "12345", "blksize", "1408"), n.oack());
        assertEquals(1408, n.blksize());
    }

    @Test
    void capsBlksizeAndWindow() {
        Negotiation n = Negotiation.of(opts("blksize", "65464", "windowsize", "1000", "timeout", "3"), 1, config);
        assertEquals("1468", n.oack().get("blksize"));
        assertEquals("64", n.oack().get("windowsize"));
        assertEquals("3", n.oack().get("timeout"));
        assertEquals(3, n.timeoutSeconds());
    }

    @Test
    void ignoresInvalidAndUnknownOptions() {
        Negotiation n = Negotiation.of(opts("blksize", "7", "timeout", "0", "windowsize", "x", "multicast", "",
                "tsize", "-1", "utimeout", "5"), 1, config);
        assertTrue(n.oack().isEmpty(), n.oack().toString());
        assertEquals(512, n.blksize());
    }
}
