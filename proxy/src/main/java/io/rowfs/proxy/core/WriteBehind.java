package io.rowfs.proxy.core;

import io.netty.buffer.ByteBuf;
import io.rowfs.proxy.backend.NonBlocking;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Write-behind for UNSTABLE writes (RFC 1813 3.3.7: the server may keep them anywhere until
 * COMMIT): a WRITE is acknowledged once its data is queued, and background writers send each
 * file's queued writes to the shadow in arrival order while the client sends the next. So the client
 * waits for one hop, not two, and the proxy and the shadow work in parallel.
 *
 * <p>Whoever looks at the file's data or changes it otherwise (READ from the shadow, COMMIT, a
 * stable WRITE, truncate, SETATTR, REMOVE) first {@link #drain drains} it. A background write that
 * fails calls {@code onFailure}, which changes the write verifier: the client's next COMMIT sees a
 * new verifier and resends what it had not committed, as after a server restart.
 *
 * <p>Bounded: at most {@code maxBytes} are queued; a WRITE beyond that waits (on its worker) until
 * enough has been written. Thread-safe.
 */
public final class WriteBehind {
    private final ExecutorService writers;
    private final long maxBytes;
    private final Runnable onFailure;
    private final Map<Long, FileQueue> queues = new ConcurrentHashMap<>();
    private long queuedBytes; // guarded by this

    public WriteBehind(ExecutorService writers, long maxBytes, Runnable onFailure) {
        this.writers = writers;
        this.maxBytes = maxBytes;
        this.onFailure = onFailure;
    }

    /** A queued write: sends {@code data} (already retained for this write) and releases it. */
    @FunctionalInterface
    public interface Send {
        void send(ByteBuf data);
    }

    /**
     * Queues {@code send} of {@code data} for file {@code id}; takes over one reference to
     * {@code data}. Waits while the queue is full. Worker threads only.
     */
    public void submit(long id, ByteBuf data, Send send) {
        int size = data.readableBytes();
        try {
            reserve(size);
        } catch (RuntimeException e) {
            data.release();
            throw e;
        }
        Runnable write = () -> {
            try {
                send.send(data);
            } catch (RuntimeException e) {
                onFailure.run();
            } finally {
                data.release();
                unreserve(size);
            }
        };
        FileQueue[] started = new FileQueue[1];
        queues.compute(id, (k, q) -> {
            FileQueue queue = q != null ? q : new FileQueue(id);
            if (queue.enqueue(write)) {
                started[0] = queue;
            }
            return queue;
        });
        if (started[0] != null && !started[0].handOff()) {
            started[0].runQueued(); // shutting down: write here, so buffers are released and waiters wake
        }
    }

    /** Returns once every write queued for {@code id} reached the shadow (or failed). */
    public void drain(long id) {
        FileQueue q = queues.get(id);
        if (q != null) {
            q.awaitIdle();
        }
    }

    /** Files with queued writes (or a queue not yet dropped). */
    int files() {
        return queues.size();
    }

    /** Bytes queued and not yet written. */
    public synchronized long queuedBytes() {
        return queuedBytes;
    }

    private synchronized void reserve(int size) {
        boolean interrupted = false;
        while (queuedBytes > 0 && queuedBytes + size > maxBytes) {
            NonBlocking.check();
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        queuedBytes += size;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void unreserve(int size) {
        queuedBytes -= size;
        notifyAll();
    }

    /** One file's writes, run one at a time in arrival order on the shared writers. */
    private final class FileQueue {
        private final long id;
        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>(); // guarded by this
        private boolean running;                                       // guarded by this

        FileQueue(long id) {
            this.id = id;
        }

        /** Drops this queue from the table once idle (atomically with submits of the same file). */
        private void forgetIfIdle() {
            queues.computeIfPresent(id, (k, q) -> q == this && idle() ? null : q);
        }

        /** Adds a write; true when the queue was idle and must be started. */
        synchronized boolean enqueue(Runnable task) {
            tasks.add(task);
            boolean start = !running;
            running = true;
            return start;
        }

        synchronized boolean idle() {
            return !running && tasks.isEmpty();
        }

        /** Gives the rest of this queue to a writer thread; false when the writers are shut down. */
        private boolean handOff() {
            try {
                writers.execute(this::runQueued);
                return true;
            } catch (RejectedExecutionException closing) {
                return false;
            }
        }

        /** Runs queued writes in order; after each, lets other files' queues have a turn. */
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
                next.run();
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
