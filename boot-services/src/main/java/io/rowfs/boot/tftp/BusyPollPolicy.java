package io.rowfs.boot.tftp;

/**
 * Whether a lock-step transfer's event loop should poll for the next ACK ({@link
 * io.rowfs.boot.BusyPoll}) or sleep until it arrives, decided by measuring both. Polling saves the
 * wake-up of a sleeping thread, which on a virtual machine with halting idle vCPUs costs more than
 * a whole lock-step round trip when client and server run on different vCPUs; when they share one
 * vCPU, polling only delays the client, and on a slow network it only burns CPU. Which case holds
 * depends on where the scheduler puts the client and changes during a transfer, so the policy
 * measures instead of guessing.
 *
 * <p>The transfer runs in epochs of acknowledged blocks, each either polling or sleeping. It starts
 * sleeping; every epoch uses the mode with the lower time per block (sleeping on a tie: it costs no
 * CPU), except that now and then a short probe epoch tries the other mode so that a change is
 * noticed. A probe that loses doubles the number of epochs until the next one (up to
 * {@link #MAX_PROBE_INTERVAL}), so a mode that does not pay is rarely tried; one that wins switches
 * the mode and probes soon again; and two epochs in a row no faster than the other mode's last
 * measurement have the other mode probed right after them. The current mode's time per block is the mean of its latest
 * measurement and the one before (a short memory: the machine changes within seconds); a probe's
 * replaces the old one. A probe that is half again as slow after a quarter of its blocks ends there.
 *
 * <p>Free of I/O and clocks: the caller passes {@code System.nanoTime()}. Owned by the transfer's
 * event loop; not thread-safe.
 */
final class BusyPollPolicy {
    static final int EPOCH_BLOCKS = 256;
    static final int PROBE_BLOCKS = 64;
    static final int MIN_PROBE_INTERVAL = 2;
    static final int MAX_PROBE_INTERVAL = 64;
    private static final int SLEEP = 0;
    private static final int POLL = 1;

    private final long budgetNanos;
    /** Nanoseconds per block measured for sleeping [0] and polling [1]; negative until measured. */
    private final long[] cost = {-1, -1};
    /** The mode that measured faster, and the mode of the current epoch (differs while probing). */
    private int best = SLEEP;
    private int mode = SLEEP;
    private int probeInterval = MIN_PROBE_INTERVAL;
    private int untilProbe = 1;
    private boolean started;
    private long epochStart;
    private int blocks;
    /** Epochs in a row no faster than the other mode's last measurement. */
    private int slowEpochs;
    private long polledAcks;

    /** @param budgetNanos how long to poll for one ACK; 0 never polls */
    BusyPollPolicy(long budgetNanos) {
        this.budgetNanos = budgetNanos;
    }

    /**
     * An ACK moved the transfer on by one block and the next block was sent at {@code now}: how
     * long the event loop should poll for the following ACK (0: sleep until it comes).
     */
    long onAck(long now) {
        if (budgetNanos <= 0) {
            return 0;
        }
        if (!started) {
            started = true;
            epochStart = now;
        } else if (++blocks == (mode == best ? EPOCH_BLOCKS : PROBE_BLOCKS) || losingProbe(now)) {
            endEpoch(now);
        }
        if (mode == POLL) {
            polledAcks++;
            return budgetNanos;
        }
        return 0;
    }

    /** A probe already half again as slow as the current mode after a few blocks ends early. */
    private boolean losingProbe(long now) {
        return mode != best && blocks >= PROBE_BLOCKS / 4 && (now - epochStart) / blocks > cost[best] * 3 / 2;
    }

    private void endEpoch(long now) {
        long perBlock = (now - epochStart) / blocks;
        boolean probe = mode != best;
        cost[mode] = probe || cost[mode] < 0 ? perBlock : (cost[mode] + perBlock) / 2;
        if (probe) {
            if (cost[mode] < cost[best]) {
                best = mode;
                probeInterval = MIN_PROBE_INTERVAL;
            } else {
                probeInterval = Math.min(probeInterval * 2, MAX_PROBE_INTERVAL);
            }
            untilProbe = probeInterval;
        } else if (cost[1 - mode] >= 0 && perBlock >= cost[1 - mode]) {
            if (++slowEpochs >= 2) { // no faster than the other mode last measured, twice: try it now
                untilProbe = 1;
                probeInterval = MIN_PROBE_INTERVAL;
                slowEpochs = 0;
            }
        } else {
            slowEpochs = 0;
        }
        mode = --untilProbe <= 0 ? 1 - best : best;
        epochStart = now;
        blocks = 0;
    }

    boolean polling() {
        return mode == POLL;
    }

    /** How many ACKs were followed by polling. */
    long polledAcks() {
        return polledAcks;
    }

    /** Measured nanoseconds per block while sleeping, or -1. */
    long sleepCost() {
        return cost[SLEEP];
    }

    /** Measured nanoseconds per block while polling, or -1. */
    long pollCost() {
        return cost[POLL];
    }
}
