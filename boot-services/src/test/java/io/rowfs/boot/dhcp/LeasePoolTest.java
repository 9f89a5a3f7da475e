package io.rowfs.boot.dhcp;

import io.rowfs.testsupport.ManualClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeasePoolTest {
    static final String A = "52:54:00:00:00:0a";
    static final String B = "52:54:00:00:00:0b";
    static final String C = "52:54:00:00:00:0c";
    static final String R = "52:54:00:00:00:99";
    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    LeasePool pool(String first, String last, Map<String, Long> reservations) {
        return new LeasePool(Ip4.parse(first), Ip4.parse(last), Ip4.parse("10.0.0.1"), reservations, clock,
                Duration.ofHours(1), Duration.ofSeconds(60), Duration.ofMinutes(10), LeaseLog.NONE);
    }

    @Test
    void twoClientsGetDifferentAddressesAndKeepThem() {
        LeasePool p = pool("10.0.0.1", "10.0.0.20", Map.of());
        long a = p.offer(A, null).orElseThrow();
        long b = p.offer(B, null).orElseThrow();
        assertNotEquals(a, b);
        assertNotEquals(Ip4.parse("10.0.0.1"), a, "the server's own address is never offered");
        assertTrue(p.request(A, a).isPresent());
        assertTrue(p.request(B, a).isEmpty(), "B cannot take A's address");
        assertEquals(a, p.offer(A, null).orElseThrow(), "A gets its address again");
        assertTrue(p.request(B, b).isPresent());
    }

    @Test
    void offersAreHeldThenExpire() {
        LeasePool p = pool("10.0.0.10", "10.0.0.10", Map.of());
        long a = p.offer(A, null).orElseThrow();
        assertTrue(p.offer(B, null).isEmpty(), "the only address is held for A's offer");
        clock.advance(Duration.ofSeconds(61));
        assertEquals(a, p.offer(B, null).orElseThrow());
        assertTrue(p.request(A, a).isEmpty(), "A's stale offer went to B");
    }

    @Test
    void leasesExpire() {
        LeasePool p = pool("10.0.0.10", "10.0.0.10", Map.of());
        long a = p.offer(A, null).orElseThrow();
        p.request(A, a);
        clock.advance(Duration.ofMinutes(59));
        assertTrue(p.offer(B, null).isEmpty());
        clock.advance(Duration.ofMinutes(2));
        assertEquals(a, p.offer(B, null).orElseThrow());
    }

    @Test
    void requestedAddressHonouredWhenFree() {
        LeasePool p = pool("10.0.0.10", "10.0.0.20", Map.of());
        assertEquals(Ip4.parse("10.0.0.15"), p.offer(A, Ip4.parse("10.0.0.15")).orElseThrow());
        assertNotEquals(Ip4.parse("10.0.0.15"), p.offer(B, Ip4.parse("10.0.0.15")).orElseThrow());
        assertNotEquals(Ip4.parse("10.0.0.99"), p.offer(C, Ip4.parse("10.0.0.99")).orElseThrow(), "outside the range");
    }

    @Test
    void reservationsAreKeptForTheirMac() {
        long reserved = Ip4.parse("10.0.0.10");
        LeasePool p = pool("10.0.0.10", "10.0.0.11", Map.of(R, reserved));
        assertEquals(Ip4.parse("10.0.0.11"), p.offer(A, reserved).orElseThrow());
        assertTrue(p.offer(B, null).isEmpty(), "the reserved address is not in the pool for others");
        assertTrue(p.request(B, reserved).isEmpty());
        assertEquals(reserved, p.offer(R, null).orElseThrow());
        assertTrue(p.request(R, Ip4.parse("10.0.0.11")).isEmpty(), "a reserved MAC gets only its address");
        assertTrue(p.request(R, reserved).isPresent());
    }

    @Test
    void declineQuarantinesUntilItEnds() {
        LeasePool p = pool("10.0.0.10", "10.0.0.11", Map.of());
        long a = p.offer(A, null).orElseThrow();
        p.request(A, a);
        p.decline(A, a);
        long next = p.offer(A, null).orElseThrow();
        assertNotEquals(a, next);
        assertTrue(p.offer(B, null).isEmpty(), "one address quarantined, the other offered to A");
        assertTrue(p.request(B, a).isEmpty());
        clock.advance(Duration.ofMinutes(11));
        assertEquals(a, p.offer(B, null).orElseThrow());
    }

    @Test
    void releaseFreesOnlyTheHoldersAddress() {
        LeasePool p = pool("10.0.0.10", "10.0.0.10", Map.of());
        long a = p.offer(A, null).orElseThrow();
        p.request(A, a);
        assertFalse(p.release(B, a));
        assertTrue(p.offer(B, null).isEmpty());
        assertTrue(p.release(A, a));
        assertEquals(a, p.offer(B, null).orElseThrow());
    }

    @Test
    void neverTheSameAddressToTwoClients() {
        LeasePool p = pool("10.0.0.2", "10.0.0.50", Map.of());
        Set<Long> given = new HashSet<>();
        for (int i = 0; i < 49; i++) {
            String mac = String.format("52:54:00:00:01:%02x", i);
            long ip = p.offer(mac, Ip4.parse("10.0.0.2")).orElseThrow();
            assertTrue(p.request(mac, ip).isPresent());
            assertTrue(given.add(ip), "address given twice: " + Ip4.toString(ip));
        }
        assertTrue(p.offer("52:54:00:00:02:00", null).isEmpty(), "pool exhausted");
    }

    @Test
    void withdrawnOfferIsFreed() {
        LeasePool p = pool("10.0.0.10", "10.0.0.10", Map.of());
        p.offer(A, null);
        p.withdrawOffer(A);
        assertTrue(p.offer(B, null).isPresent());
    }
}
