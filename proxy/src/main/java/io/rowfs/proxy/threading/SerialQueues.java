package io.rowfs.proxy.threading;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background tasks in per-key FIFO order on a shared executor: the tasks of one key run one at a
 * time, in the order they were submitted; different keys run in parallel. After each task the
 * queue lets other keys have a turn (it re-submits itself), so one busy key does not hold a thread.
 *
 * <p>{@link #drain} waits until a key's queue is empty, except when called from a task run here
 * (tasks may use code that drains; they are the queued work, and waiting for each other could
 * deadlock). When the executor refuses work (shutting
 * down), the submitter runs the queue itself, so nothing queued is dropped. Tasks handle their own
 * failures; anything they throw is logged and the queue goes on. Thread-safe.
 *
 * @param <K> the key; equal keys share one queue
 */
public final class SerialQueues<K> {
    private static final Logger LOG = LoggerFactory.getLogger(SerialQueues.class);

    private final Executor executor;
    private final Map<K, Queue> queues = new ConcurrentHashMap<>();
    private final ThreadLocal<Boolean> insideTask = ThreadLocal.withInitial(() -> Boolean.FALSE);

    public SerialQueues(Executor executor) {
        this.executor = executor;
    }

    /** Queues {@code task} behind every task already queued for {@code key}. */
    public void submit(K key, Runnable task) {
        AtomicReference<Queue> started = new AtomicReference<>();
        queues.compute(key, (k, q) -> {
            Queue queue = q != null ? q : new Queue(key);
            if (queue.enqueue(task)) {
                started.set(queue);
            }
            return queue;
        });
        Queue toStart = started.get();
        if (toStart != null && !toStart.handOff()) {
            boolean nested = insideTask.get();
            toStart.runQueued();
            insideTask.set(nested);
        }
    }

    /**
     * Returns once every task queued for {@code key} has run; at once when called from a task run
     * here. On the event loop's fast path it throws {@link NonBlocking.WouldBlock} instead of waiting.
     */
    public void drain(K key) {
        Queue q = insideTask.get() ? null : queues.get(key);
        if (q != null) {
            q.awaitIdle();
        }
    }

    /** Returns once the tasks queued (before the call) for every key {@code which} accepts have run. */
    public void drainMatching(Predicate<K> which) {
        if (insideTask.get()) {
            return;
        }
        for (Map.Entry<K, Queue> e : queues.entrySet()) {
            if (which.test(e.getKey())) {
                e.getValue().awaitIdle();
            }
        }
    }

    /** Returns once every task queued before the call has run. */
    public void drainAll() {
        drainMatching(k -> true);
    }

    /** Keys with queued or running tasks (or a queue not yet dropped). */
    public int keys() {
        return queues.size();
    }

    /** One key's tasks, run one at a time in arrival order. */
    private final class Queue {
        private final K key;
        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>(); // guarded by this
        private boolean running;                                       // guarded by this

        Queue(K key) {
            this.key = key;
        }

        /** Drops this queue from the table once idle (atomically with submits of the same key). */
        private void forgetIfIdle() {
            queues.computeIfPresent(key, (k, q) -> q == this && idle() ? null : q);
        }

        /** Adds a task; true when the queue was idle and must be started. */
        synchronized boolean enqueue(Runnable task) {
            tasks.add(task);
            boolean start = !running;
            running = true;
            return start;
        }

        synchronized boolean idle() {
            return !running && tasks.isEmpty();
        }

        /** Gives the rest of this queue to the executor; false when it refuses (shutting down). */
        private boolean handOff() {
            try {
                executor.execute(this::runQueued);
                return true;
            } catch (RejectedExecutionException closing) {
                return false;
            }
        }

        /** Runs queued tasks in order; after each, lets other keys' queues have a turn. */
        private void runQueued() {
            while (true) {
                Runnable next;
                synchronized (this) {
                    next = tasks.poll();
                    if (next == null) {
                        running = false;
                        notifyAll();
                    }
                }
                if (next == null) {
                    forgetIfIdle();
                    return;
                }
                insideTask.set(Boolean.TRUE);
                try {
                    next.run();
                } catch (RuntimeException e) {
                    LOG.error("background task of {} failed", key, e);
                } finally {
                    insideTask.set(Boolean.FALSE);
                }
                boolean more;
                synchronized (this) {
                    more = !tasks.isEmpty();
                    if (!more) {
                        running = false;
                        notifyAll();
                    }
                }
                if (!more) {
                    forgetIfIdle();
                    return;
                }
                if (handOff()) {
                    return;
                }
            }
        }

        synchronized void awaitIdle() {
            boolean interrupted = false;
            while (running || !tasks.isEmpty()) {
                NonBlocking.check();
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
