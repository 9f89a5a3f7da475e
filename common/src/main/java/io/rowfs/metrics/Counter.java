package io.rowfs.metrics;

import java.util.concurrent.atomic.LongAdder;

/** A monotonically increasing count, cheap to bump from many threads. */
public final class Counter {
    private final LongAdder value = new LongAdder();

    public void increment() {
        value.increment();
    }

    public void add(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("counters only go up, got " + n);
        }
        value.add(n);
    }

    public long get() {
        return value.sum();
    }
}
