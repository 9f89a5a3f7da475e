package io.rowfs.boot;

import io.netty.channel.Channel;
import io.netty.channel.SelectStrategy;
import io.netty.channel.SelectStrategyFactory;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.util.IntSupplier;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

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
    /**
     * Linux {@code SO_INCOMING_CPU} (asm-generic/socket.h): the CPU that received the socket's latest
     * packet; on loopback the CPU the sender ran on.
     */
    private static final IntegerUnixChannelOption SO_INCOMING_CPU =
            new IntegerUnixChannelOption("SO_INCOMING_CPU", 1, 49);

    private Deadline deadline;

    /** The deadline of the calling event loop thread (call on the loop; handlers may keep it). */
    public static Deadline deadline() {
        return DEADLINES.get();
    }

    /** The CPU that received the latest packet of an epoll channel, or -1 when unknown. */
    public static int incomingCpu(Channel ch) {
        try {
            Integer cpu = ch.config().getOption(SO_INCOMING_CPU);
            return cpu == null ? -1 : cpu;
        } catch (RuntimeException e) { // not an epoll channel, or a kernel without the option
            return -1;
        }
    }

    /** When the loop of one thread may stop polling, and the CPU it runs on; owned by that thread. */
    public static final class Deadline {
        private boolean armed;
        private long untilNanos;
        /** This thread's /proc/thread-self/stat, read again for {@link #currentCpu()}; null if unreadable. */
        private FileChannel stat;
        private boolean statFailed;
        private final ByteBuffer statBuf = ByteBuffer.allocate(1024);

        /**
         * The CPU this thread last ran on (field 39 of /proc/thread-self/stat, read with one pread),
         * or -1 when unknown. Call only on the owning thread.
         */
        public int currentCpu() {
            try {
                if (stat == null) {
                    if (statFailed) {
                        return -1;
                    }
                    stat = FileChannel.open(Path.of("/proc/thread-self/stat"));
                }
                statBuf.clear();
                int n = stat.read(statBuf, 0);
                return n <= 0 ? -1 : processor(new String(statBuf.array(), 0, n, StandardCharsets.US_ASCII));
            } catch (IOException | RuntimeException e) {
                statFailed = true;
                return -1;
            }
        }

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

    /** Field 39 ("processor") of a /proc stat line, counting after the ")" that ends the command name. */
    static int processor(String statLine) {
        int at = statLine.lastIndexOf(')');
        if (at < 0) {
            return -1;
        }
        String[] fields = statLine.substring(at + 2).trim().split(" ");
        return fields.length > 36 ? Integer.parseInt(fields[36]) : -1; // fields[0] is field 3 (state)
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
