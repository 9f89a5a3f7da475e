package io.rowfs.protocol.client;

import java.time.Duration;

/**
 * Schedules the client's per-call timeouts. The default runs them on the connection's event loop;
 * tests substitute a manual scheduler and fire timeouts without sleeping.
 */
@FunctionalInterface
public interface TimeoutScheduler {
    /**
     * Runs {@code task} once {@code delay} has passed, on any thread.
     *
     * @return an action that cancels the task (a no-op once it ran)
     */
    Runnable schedule(Runnable task, Duration delay);
}
