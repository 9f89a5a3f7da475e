package io.rowfs.boot.tftp;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts concurrent transfers per client address and overall (TFTP amplifies traffic about 60
 * times, so neither may grow without bound). Thread-safe: transfers start and end on different
 * event loops.
 */
final class TransferLimits {
    private final int perClient;
    private final int global;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> byClient = new ConcurrentHashMap<>();

    TransferLimits(int perClient, int global) {
        this.perClient = perClient;
        this.global = global;
    }

    /** Takes a slot for {@code client}; false if a limit is reached (nothing is taken then). */
    boolean acquire(InetAddress client) {
        if (total.incrementAndGet() > global) {
            total.decrementAndGet();
            return false;
        }
        boolean[] ok = {true};
        byClient.compute(client, (k, n) -> {
            AtomicInteger c = n == null ? new AtomicInteger() : n;
            if (c.get() >= perClient) {
                ok[0] = false;
            } else {
                c.incrementAndGet();
            }
            return c.get() == 0 ? null : c;
        });
        if (!ok[0]) {
            total.decrementAndGet();
        }
        return ok[0];
    }

    void release(InetAddress client) {
        byClient.computeIfPresent(client, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
        total.decrementAndGet();
    }

    int active() {
        return total.get();
    }
}
