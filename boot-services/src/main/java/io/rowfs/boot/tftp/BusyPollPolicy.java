package io.rowfs.boot.tftp;

/**
 * Whether a lock-step transfer's event loop should poll for the next ACK ({@link
 * io.rowfs.boot.BusyPoll}) or sleep until it arrives. Polling saves the wake-up of a sleeping
 * thread, which on a virtual machine whose idle vCPUs halt costs an inter-processor interrupt, more
 * than a whole lock-step round trip, when client and server run on different CPUs. When they share
 * one CPU there is no such interrupt (a context switch hands over), and polling would only keep the
 * client waiting for the CPU; on a network slower than the poll budget it would only burn CPU.
 *
 * <p>So the policy polls only while the client's ACKs arrive on another CPU than the one the
 * transfer's thread runs on, which the caller checks every {@link #EPOCH_BLOCKS} ACKs ({@code
 * SO_INCOMING_CPU} against the thread's own CPU); the scheduler moves client and server between
 * CPUs as the machine's load changes, so this is looked at again and again. And polling must pay:
 * an epoch in which most ACKs came later than the poll budget (the loop polled in vain and slept
 * anyway) stops polling for 1, 2, 4 ... up to {@link #MAX_BACKOFF} epochs.
 *
 * <p>Free of I/O and clocks: the caller passes round-trip times and placements. Owned by the
 * transfer's event loop; not thread-safe.
 */
final class BusyPollPolicy {
    static final int EPOCH_BLOCKS = 64;
    static final int MAX_BACKOFF = 64;

    private final long budgetNanos;
    private boolean otherCpu;
    private int blocks;
    private int caught;
    private int missed;
    private int backoff;
    private int backoffLeft;
    private long polledAcks;

    /** @param budgetNanos how long to poll for one ACK; 0 never polls */
    BusyPollPolicy(long budgetNanos) {
        this.budgetNanos = budgetNanos;
    }

    /**
     * An ACK came {@code roundTripNanos} after the DATA it answers was sent, and the next DATA went
     * out: how long the event loop should poll for the following ACK (0: sleep until it comes).
     */
    long onAck(long roundTripNanos) {
        if (budgetNanos <= 0) {
            return 0;
        }
        if (polling()) {
            if (roundTripNanos <= budgetNanos) {
                caught++;
            } else {
                missed++;
            }
        }
        blocks++;
        if (polling()) {
            polledAcks++;
            return budgetNanos;
        }
        return 0;
    }

    /** True once every {@link #EPOCH_BLOCKS} ACKs: the caller then reports {@link #placement}. */
    boolean epochEnded() {
        return budgetNanos > 0 && blocks >= EPOCH_BLOCKS;
    }

    /** Where the latest ACK arrived: on another CPU than the transfer's thread runs on, or not (or unknown). */
    void placement(boolean ackOnOtherCpu) {
        if (caught + missed > 0) {
            if (missed > caught) {
                backoff = Math.min(Math.max(1, backoff * 2), MAX_BACKOFF);
                backoffLeft = backoff;
            } else {
                backoff = 0;
            }
        } else if (backoffLeft > 0) {
            backoffLeft--;
        }
        otherCpu = ackOnOtherCpu;
        blocks = 0;
        caught = 0;
        missed = 0;
    }

    boolean polling() {
        return budgetNanos > 0 && otherCpu && backoffLeft == 0;
    }

    /** How many ACKs were followed by polling. */
    long polledAcks() {
        return polledAcks;
    }
}
