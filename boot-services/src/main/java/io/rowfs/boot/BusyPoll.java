package io.rowfs.boot;

import io.netty.channel.SelectStrategy;
import io.netty.channel.SelectStrategyFactory;
import io.netty.util.IntSupplier;

/**
 * Bounded busy polling for request/reply exchanges served on an event loop. A handler that expects
 * an answer within microseconds (a lock-step TFTP transfer waiting for the next ACK) asks its event
 * loop, through {@link #deadline()}, to poll until a deadline instead of sleeping in
 * {@code epoll_wait}; the loop then calls {@code epoll_wait} with a zero timeout until something is
 * ready or the deadline passes, and only then blocks as usual. A sleeping thread has to be woken
 * when the answer arrives, and on a virtual machine whose idle vCPUs halt that wake-up (an
 * inter-processor interrupt to the halted vCPU) costs tens of microseconds, often more than the
 * whole exchange; a polling thread sees the answer without one.
 *
 * <p>The request lasts for one wait only (the next loop iteration): nothing polls unless a
 * handler asked for it after its latest send, and never past the deadline. Tasks submitted from
 * other threads and timers wait at most until the deadline. Only the epoll transport uses it.
 */
public final class BusyPoll implements SelectStrategy {
    /** One per event loop thread, shared by that loop's strategy and its handlers. */
    private static final ThreadLocal<Deadline> DEADLINES = ThreadLocal.withInitial(Deadline::new);

    public static final SelectStrategyFactory FACTORY = BusyPoll::new;

    private Deadline deadline;

    /** The deadline of the calling event loop thread (call on the loop; handlers may keep it). */
    public static Deadline deadline() {
        return DEADLINES.get();
    }

    /** When the loop of one thread may stop polling; owned by that thread. */
    public static final class Deadline {
        private boolean armed;
        private long untilNanos;

        /** Polls (instead of sleeping) until {@code nanoTime}, or later if already asked to. */
        public void pollUntil(long nanoTime) {
            if (!armed || nanoTime - untilNanos > 0) {
                untilNanos = nanoTime;
            }
            armed = true;
        }

        boolean take() {
            boolean was = armed;
            armed = false;
            return was;
        }
    }

    @Override
    public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
        if (hasTasks) {
            return selectNow.get(); // as Netty's default strategy
        }
        Deadline d = deadline;
        if (d == null) {
            d = deadline = DEADLINES.get(); // first call, on the loop thread
        }
        if (!d.take()) {
            return SelectStrategy.SELECT;
        }
        do {
            int ready = selectNow.get();
            if (ready > 0) {
                return ready; // the loop processes these events as it would after a blocking wait
            }
            Thread.onSpinWait();
        } while (System.nanoTime() - d.untilNanos < 0);
        return SelectStrategy.SELECT;
    }
}
