package io.rowfs.boot.dhcp;

import io.rowfs.testsupport.ManualClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaseFileTest {
    @TempDir
    Path dir;
    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    LeasePool pool() {
        return new LeasePool(Ip4.parse("10.0.0.10"), Ip4.parse("10.0.0.12"), Ip4.parse("10.0.0.1"), Map.of(), clock,
                Duration.ofHours(1), Duration.ofSeconds(60), Duration.ofMinutes(10), LeaseLog.NONE);
    }

    LeasePool reopen(Path file) throws Exception {
        LeasePool p = pool();
        LeaseFile f = LeaseFile.open(file, p);
        p.attach(f);
        return p;
    }

    @Test
    void leasesSurviveARestart() throws Exception {
        Path file = dir.resolve("leases");
        LeasePool p = reopen(file);
        long a = p.offer("52:54:00:00:00:0a", null).orElseThrow();
        p.request("52:54:00:00:00:0a", a);
        long b = p.offer("52:54:00:00:00:0b", null).orElseThrow();
        p.request("52:54:00:00:00:0b", b);
        p.release("52:54:00:00:00:0b", b);
        p.decline("52:54:00:00:00:0c", Ip4.parse("10.0.0.12"));
        String log = Files.readString(file);
        assertTrue(log.startsWith(LeaseFile.HEADER), log);
        assertTrue(log.contains("bind 52:54:00:00:00:0a 10.0.0.10 "), log);
        assertTrue(log.contains("free 52:54:00:00:00:0b"), log);

        LeasePool q = reopen(file);
        assertEquals(a, q.leaseOf("52:54:00:00:00:0a").orElseThrow().ip());
        assertFalse(q.leaseOf("52:54:00:00:00:0b").isPresent(), "released lease stays released");
        long other = q.offer("52:54:00:00:00:0d", null).orElseThrow();
        assertNotEquals(a, other);
        assertNotEquals(Ip4.parse("10.0.0.12"), other, "quarantine survives too");
        String compacted = Files.readString(file);
        assertFalse(compacted.contains("free"), "restart compacts the log: " + compacted);
    }

    @Test
    void expiredLeasesAndBadLinesAreDropped() throws Exception {
        Path file = dir.resolve("leases");
        Files.writeString(file, LeaseFile.HEADER + "\nbind 52:54:00:00:00:0a 10.0.0.10 "
                + clock.instant().minusSeconds(1).getEpochSecond() + "\nthis is junk\nbind zz 10.0.0.11 1\n"
                + "bind 52:54:00:00:00:0b 10.0.0.11 " + clock.instant().plusSeconds(100).getEpochSecond() + "\n");
        LeasePool p = reopen(file);
        assertFalse(p.leaseOf("52:54:00:00:00:0a").isPresent());
        assertEquals(Ip4.parse("10.0.0.11"), p.leaseOf("52:54:00:00:00:0b").orElseThrow().ip());
    }
}
