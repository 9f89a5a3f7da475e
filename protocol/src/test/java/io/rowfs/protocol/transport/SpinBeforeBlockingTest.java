package io.rowfs.protocol.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SpinBeforeBlockingTest {
    private static final long MAX = 2_000_000; // 2 ms

    private final AtomicInteger polls = new AtomicInteger();
    private final IntSupplier nothingReady = () -> {
        polls.incrementAndGet();
        return 0;
    };

    @Test
    void readyEventsAreTakenAtOnceAndAFruitlessSpinHalvesTheNext() throws Exception {
        SpinBeforeBlocking s = new SpinBeforeBlocking(MAX, () -> true);
        assertEquals(3, s.calculateStrategy(() -> 3, false), "events ready: taken without blocking");
        assertEquals(7, s.calculateStrategy(() -> 7, true), "tasks waiting: a non-blocking poll");

        long start = System.nanoTime();
        assertEquals(SelectStrategy.SELECT, s.calculateStrategy(nothingReady, false));
        assertTrue(System.nanoTime() - start >= MAX, "spun the whole spin");
        assertTrue(polls.get() > 1, "polled while spinning");
        assertEquals(MAX / 2, s.spinNanos());
    }

    @Test
    void noSpinWhileOtherWorkWantsTheCpu() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean idle = new java.util.concurrent.atomic.AtomicBoolean(false);
        SpinBeforeBlocking s = new SpinBeforeBlocking(MAX, idle::get);
        assertEquals(SelectStrategy.SELECT, s.calculateStrategy(nothingReady, false));
        assertEquals(0, polls.get(), "blocked at once");
        assertEquals(MAX, s.spinNanos(), "the spin is kept for later");
        idle.set(true);
        assertEquals(SelectStrategy.SELECT, s.calculateStrategy(nothingReady, false));
        assertTrue(polls.get() > 1, "spun once the other work was done");
    }

    @Test
    void callsFarApartStopTheSpinAndCallsCloseTogetherRestoreIt() throws Exception {
        SpinBeforeBlocking s = new SpinBeforeBlocking(MAX, () -> true);
        for (int i = 0; i < 12; i++) {
            s.calculateStrategy(nothingReady, false);
            Thread.sleep(5); // the blocking wait outlasts any spin: spinning would not have caught it
        }
        assertTrue(s.spinNanos() < SpinBeforeBlocking.MIN_SPIN_NANOS, "spin " + s.spinNanos());
        polls.set(0);
        assertEquals(SelectStrategy.SELECT, s.calculateStrategy(nothingReady, false));
        assertEquals(0, polls.get(), "blocks at once");

        assertEquals(SelectStrategy.SELECT, s.calculateStrategy(nothingReady, false)); // woken at once: a short wait
        assertEquals(MAX / 2, s.spinNanos(), "restored to the longest spin, which this call then spent and halved");
    }
}
