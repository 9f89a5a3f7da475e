package io.rowfs.protocol.transport;

import io.netty.channel.SelectStrategy;
import io.netty.channel.SelectStrategyFactory;
import io.netty.util.IntSupplier;
import java.util.function.BooleanSupplier;

/**
 * How an event loop waits: before it blocks in epoll_wait, it polls without blocking for up to a
 * spin time, so that a call arriving meanwhile (the next call of a client that just received its
 * reply) is taken at once instead of after the wake-up of a blocked thread, which on a virtual
 * machine whose idle vCPU halts costs tens of microseconds per call.
 *
 * <p>The spin adapts, per loop: a spin that ends without an event halves the next one (calls come
 * further apart than it waits: spinning only burns CPU); a blocking wait that turns out shorter
 * than the longest spin restores the longest (calls come close together again). So a loop under a
 * steady call-and-answer load spins, and an idle or throughput-bound one soon blocks at once. It
 * also never spins while {@code worthIt} says no: the process has other work that wants the CPU
 * (a spinning loop would take it from that work, whose results the next call may wait for).
 * Each loop has its own state (one strategy per loop); not thread-safe beyond that.
 */
final class SpinBeforeBlocking implements SelectStrategy {
    /** Spins shorter than this are not worth a poll: the loop blocks at once. */
    static final long MIN_SPIN_NANOS = 1_000;

    private final long maxSpinNanos;
    private final BooleanSupplier worthIt;
    private long spinNanos;
    /** When the loop last chose to block, or -1 when it did not. */
    private long blockedAt = -1;

    SpinBeforeBlocking(long maxSpinNanos, BooleanSupplier worthIt) {
        this.maxSpinNanos = maxSpinNanos;
        this.worthIt = worthIt;
        this.spinNanos = maxSpinNanos;
    }

    /** A factory for event loops that spin up to {@code maxSpinNanos} (0: never) while {@code worthIt}. */
    static SelectStrategyFactory factory(long maxSpinNanos, BooleanSupplier worthIt) {
        if (maxSpinNanos < 0) {
            throw new IllegalArgumentException("spin of " + maxSpinNanos + " ns");
        }
        return () -> new SpinBeforeBlocking(maxSpinNanos, worthIt);
    }

    @Override
    public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
        long now = System.nanoTime();
        if (blockedAt >= 0) {
            if (now - blockedAt <= maxSpinNanos) {
                spinNanos = maxSpinNanos; // it would have been caught by a spin
            }
            blockedAt = -1;
        }
        if (hasTasks) {
            return selectNow.get();
        }
        if (spinNanos >= MIN_SPIN_NANOS && worthIt.getAsBoolean()) {
            long deadline = now + spinNanos;
            do {
                int ready = selectNow.get();
                if (ready > 0) {
                    return ready;
                }
                Thread.onSpinWait();
            } while (System.nanoTime() - deadline < 0);
            spinNanos /= 2;
        }
        blockedAt = System.nanoTime();
        return SelectStrategy.SELECT;
    }

    /** The spin the next idle moment gets (for tests). */
    long spinNanos() {
        return spinNanos;
    }
}
