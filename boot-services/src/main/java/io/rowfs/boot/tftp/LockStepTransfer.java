package io.rowfs.boot.tftp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lock-step read transfer (windowsize 1) served with blocking I/O on its own thread, on a
 * socket connected to the client: per block one {@code send} and one {@code recv} and nothing
 * else. Lock step is a strict request/reply exchange, so the thread that waits for the ACK in
 * {@code recv} is woken directly by the kernel's socket wake-up (a synchronous hand-over from the
 * client's send) and answers at once, without an event loop, selector call, pipeline or timer per
 * block. Strangers writing to the transfer's port are answered by the connected socket's
 * {@link UnknownTidHandler} twin, as for windowed transfers.
 *
 * <p>Retransmission is the one thing the reading thread cannot do while it blocks, so a timer
 * (a task on an event loop, one pending at a time) checks for progress and resends the unanswered
 * OACK or DATA itself, doubling the timeout after each retransmission up to 8 times the first; when
 * the retries are used up it sends ERROR 0 and closes the socket, which ends the blocked read. The
 * {@link ReadTransfer} state and the send buffer are shared by the two under this object's lock
 * (uncontended but for timeouts).
 */
final class LockStepTransfer implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(LockStepTransfer.class);

    private final DatagramChannel channel;
    private final InetSocketAddress client;
    private final String name;
    /** The file's bytes; a private view whose position and limit select each block's payload. */
    private final ByteBuffer source;
    private final int size;
    private final Negotiation negotiation;
    private final ReadTransfer transfer;
    private final long baseTimeoutNanos;
    private final EventExecutor timer;
    private final Runnable onEnd;
    /** One DATA packet, rewritten for every block (and for the OACK). */
    private final ByteBuffer out;
    private final ByteBuffer in = ByteBuffer.allocateDirect(2048);
    /**
     * The reading thread is in {@code read}: only then does a timeout resend (a thread that got an
     * ACK but has not had the CPU to act on it yet must not be answered for with a duplicate).
     */
    private volatile boolean reading;
    private long startNanos;
    private long lastProgress;
    private boolean finished;

    LockStepTransfer(DatagramChannel channel, InetSocketAddress client, String name, ByteBuffer content,
                     Negotiation negotiation, TftpConfig config, EventExecutor timer, Runnable onEnd) {
        this.channel = channel;
        this.client = client;
        this.name = name;
        this.source = content.duplicate();
        this.size = content.remaining();
        this.negotiation = negotiation;
        this.transfer = new ReadTransfer(size, negotiation.blksize(), 1, !negotiation.oack().isEmpty(),
                config.maxRetries());
        this.baseTimeoutNanos = negotiation.timeoutSeconds() > 0
                ? TimeUnit.SECONDS.toNanos(negotiation.timeoutSeconds()) : config.timeout().toNanos();
        this.timer = timer;
        this.onEnd = onEnd;
        this.out = ByteBuffer.allocateDirect(Math.max(4 + negotiation.blksize(), 512));
    }

    @Override
    public void run() {
        try {
            synchronized (this) {
                startNanos = System.nanoTime();
                lastProgress = startNanos;
                send(transfer.start());
            }
            scheduleTimer(baseTimeoutNanos);
            while (receiveOne()) {
                // one ACK (or other packet) per pass
            }
        } catch (ClosedChannelException e) {
            // closed by the timer after the last retry, or by the server shutting down
            synchronized (this) {
                if (!finished) {
                    end("transfer socket closed");
                }
            }
        } catch (PortUnreachableException e) {
            synchronized (this) {
                end("client port unreachable (ICMP)");
            }
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                if (!finished) {
                    LOG.error("tftp: transfer of {} to {} failed", name, client, e);
                    finished = true;
                }
            }
        } finally {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to do with it
            }
            onEnd.run();
        }
    }

    /** Blocks for one packet from the client and acts on it; false when the transfer is over. */
    private boolean receiveOne() throws IOException {
        in.clear();
        reading = true;
        int n;
        try {
            n = channel.read(in);
        } finally {
            reading = false;
        }
        synchronized (this) {
            if (finished) {
                return false;
            }
            if (n < 4) {
                return true;
            }
            int opcode = in.getShort(0) & 0xFFFF;
            if (opcode == TftpPackets.ACK) {
                ReadTransfer.Burst burst = transfer.onAck(in.getShort(2) & 0xFFFF);
                if (transfer.done()) {
                    end(null);
                    return false;
                }
                if (!burst.isEmpty()) {
                    lastProgress = System.nanoTime();
                    send(burst);
                }
            } else if (opcode == TftpPackets.ERROR) {
                int code = in.getShort(2) & 0xFFFF;
                if (code == TftpPackets.ERR_OPTION && transfer.acked() == 0) {
                    LOG.info("tftp: {} probed the size of {} ({} bytes) and ended the transfer (ERROR 8)",
                            client, name, size);
                    finished = true;
                } else {
                    end("client sent ERROR " + code);
                }
                return false;
            }
            // anything else from the client (a DATA, a repeated request) is ignored
            return true;
        }
    }

    /** Sends the OACK or DATA block {@code burst.first()} (a lock-step burst holds one block). Holds the lock. */
    private void send(ReadTransfer.Burst burst) throws IOException {
        out.clear();
        if (burst.oack()) {
            ByteBuf oack = TftpPackets.oack(UnpooledByteBufAllocator.DEFAULT, negotiation.oack());
            try {
                oack.readBytes(out.limit(oack.readableBytes()));
            } finally {
                oack.release();
            }
        } else {
            long block = burst.first();
            int off = (int) ReadTransfer.offset(block, negotiation.blksize());
            int len = Math.max(0, Math.min(negotiation.blksize(), size - off));
            out.putShort((short) TftpPackets.DATA).putShort((short) TftpPackets.wireBlock(block));
            source.limit(off + len).position(off);
            out.put(source);
        }
        out.flip();
        channel.write(out);
    }

    private void scheduleTimer(long delayNanos) {
        timer.schedule(this::onTimer, delayNanos, TimeUnit.NANOSECONDS);
    }

    private synchronized void onTimer() {
        if (finished) {
            return;
        }
        long timeout = baseTimeoutNanos << Math.min(transfer.retries(), 3);
        long idle = System.nanoTime() - lastProgress;
        if (idle < timeout) {
            scheduleTimer(timeout - idle);
            return;
        }
        if (!reading) { // the reader has a packet in hand (or is just going back to read): ask again soon
            scheduleTimer(baseTimeoutNanos / 4);
            return;
        }
        try {
            ReadTransfer.Burst burst = transfer.onTimeout();
            if (burst == null) {
                sendError(TftpPackets.ERR_UNDEFINED, "Timed out");
                end("no answer after " + transfer.retries() + " tries");
                channel.close(); // ends the blocked read
                return;
            }
            LOG.debug("tftp: timeout on {} to {}, resending (try {})", name, client, transfer.retries());
            lastProgress = System.nanoTime();
            send(burst);
            scheduleTimer(baseTimeoutNanos << Math.min(transfer.retries(), 3));
        } catch (IOException e) {
            end("resend failed: " + e);
            try {
                channel.close();
            } catch (IOException ignored) {
                // the read ends either way
            }
        }
    }

    private void sendError(int code, String message) throws IOException {
        ByteBuf err = TftpPackets.error(UnpooledByteBufAllocator.DEFAULT, code, message);
        try {
            channel.write(err.nioBuffer());
        } finally {
            err.release();
        }
    }

    /** Marks the transfer over and logs how it went. Holds the lock. */
    private void end(String failure) {
        if (finished) {
            return;
        }
        finished = true;
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        if (failure == null) {
            LOG.info("tftp: sent {} to {}: {} bytes in {} ms (blksize {}, lock step)", name, client, size, ms,
                    negotiation.blksize());
        } else {
            LOG.warn("tftp: transfer of {} to {} aborted after {} ms: {}", name, client, ms, failure);
        }
    }
}
