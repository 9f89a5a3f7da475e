package io.rowfs.proxy.row;

import io.netty.buffer.ByteBuf;
import io.rowfs.proxy.threading.NonBlocking;
import io.rowfs.proxy.threading.SerialQueues;
import java.util.concurrent.ExecutorService;

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
    private final long maxBytes;
    private final Runnable onFailure;
    private final SerialQueues<Long> queues;
    private long queuedBytes; // guarded by this

    public WriteBehind(ExecutorService writers, long maxBytes, Runnable onFailure) {
        this.queues = new SerialQueues<>(writers);
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
        queues.submit(id, write); // shutting down, it writes here: buffers are released and waiters wake
    }

    /** Returns once every write queued for {@code id} reached the shadow (or failed). */
    public void drain(long id) {
        queues.drain(id);
    }

    /** Files with queued writes (or a queue not yet dropped). */
    int files() {
        return queues.keys();
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
}
