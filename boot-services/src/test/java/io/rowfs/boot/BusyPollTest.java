package io.rowfs.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.SelectStrategy;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The select strategy polls only when asked to, until something is ready or the deadline passes. */
class BusyPollTest {
    private final AtomicInteger calls = new AtomicInteger();

    private int readyOnCall(int call, int ready) {
        return calls.incrementAndGet() >= call ? ready : 0;
    }

    @Test
    void sleepsUnlessAsked() throws Exception {
        SelectStrategy strategy = BusyPoll.FACTORY.newSelectStrategy();
        assertEquals(SelectStrategy.SELECT, strategy.calculateStrategy(() -> readyOnCall(1, 1), false));
        assertEquals(0, calls.get(), "no epoll_wait(0) when nobody asked to poll");
    }

    @Test
    void pollsUntilSomethingIsReadyThenOnlyOnce() throws Exception {
        SelectStrategy strategy = BusyPoll.FACTORY.newSelectStrategy();
        BusyPoll.deadline().pollUntil(System.nanoTime() + 5_000_000_000L);
        assertEquals(3, strategy.calculateStrategy(() -> readyOnCall(4, 3), false));
        assertEquals(4, calls.get());
        assertEquals(SelectStrategy.SELECT, strategy.calculateStrategy(() -> readyOnCall(1, 1), false),
                "a request lasts for one wait");
    }

    @Test
    void stopsAtTheDeadline() throws Exception {
        SelectStrategy strategy = BusyPoll.FACTORY.newSelectStrategy();
        long start = System.nanoTime();
        BusyPoll.deadline().pollUntil(start + 2_000_000);
        BusyPoll.deadline().pollUntil(start + 1_000_000); // an earlier deadline does not shorten it
        assertEquals(SelectStrategy.SELECT, strategy.calculateStrategy(() -> readyOnCall(Integer.MAX_VALUE, 1), false));
        long took = System.nanoTime() - start;
        assertTrue(took >= 2_000_000 && took < 1_000_000_000L, "polled for " + took + " ns");
        assertTrue(calls.get() > 1);
    }

    @Test
    void readsTheProcessorFieldOfAStatLine() {
        StringBuilder line = new StringBuilder("4242 (loop (odd) name) S");
        for (int field = 4; field <= 52; field++) {
            line.append(' ').append(field == 39 ? 1 : 1000 + field);
        }
        assertEquals(1, BusyPoll.processor(line.toString()));
        assertEquals(-1, BusyPoll.processor("4242 (short) S 1 2 3"));
    }

    @Test
    void knowsWhichCpuItRunsOn() {
        int cpu = BusyPoll.deadline().currentCpu();
        assertTrue(cpu >= 0 && cpu < Runtime.getRuntime().availableProcessors() * 64, "cpu " + cpu);
    }

    @Test
    void pendingTasksSelectNowAsNettyDoes() throws Exception {
        SelectStrategy strategy = BusyPoll.FACTORY.newSelectStrategy();
        assertEquals(2, strategy.calculateStrategy(() -> readyOnCall(1, 2), true));
        assertEquals(1, calls.get());
    }
}
