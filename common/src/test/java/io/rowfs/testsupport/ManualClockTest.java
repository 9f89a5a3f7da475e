package io.rowfs.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ManualClockTest {
    @Test
    void startsWhereToldAndMovesOnlyWhenMoved() {
        assertEquals(0, new ManualClock().millis());
        assertEquals(1_000_000, new ManualClock(1_000_000).millis());
        ManualClock c = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), c.instant());
        c.advance(Duration.ofMinutes(2));
        c.advanceMillis(1);
        assertEquals(Instant.parse("2026-01-01T00:02:00.001Z"), c.instant());
        assertEquals(c.instant().toEpochMilli(), c.millis());
        c.set(Instant.EPOCH);
        assertEquals(0, c.millis());
    }

    @Test
    void isUtcWhateverZoneIsAsked() {
        ManualClock c = new ManualClock();
        assertEquals(ZoneOffset.UTC, c.getZone());
        assertSame(c, c.withZone(ZoneOffset.ofHours(3)));
    }
}
