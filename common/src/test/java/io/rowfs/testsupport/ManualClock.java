package io.rowfs.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests move by hand, in UTC. Other threads (a server under test) see each move at once;
 * moves are atomic. Every module's tests use this one (rowfs-common's test-jar).
 */
public final class ManualClock extends Clock {
    private volatile Instant now;

    /** A clock at the epoch (millisecond 0). */
    public ManualClock() {
        this(Instant.EPOCH);
    }

    public ManualClock(Instant start) {
        this.now = start;
    }

    /** A clock at {@code epochMillis} since the epoch. */
    public ManualClock(long epochMillis) {
        this(Instant.ofEpochMilli(epochMillis));
    }

    /** Moves the clock by {@code d} (which may be negative). */
    public synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    /** Moves the clock by {@code millis} milliseconds. */
    public void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }

    /** Sets the clock to {@code instant}. */
    public synchronized void set(Instant instant) {
        now = instant;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public long millis() {
        return now.toEpochMilli();
    }
}
