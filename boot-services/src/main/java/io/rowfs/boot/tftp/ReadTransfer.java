package io.rowfs.boot.tftp;

/**
 * The protocol state of one read transfer, free of I/O and time: it says which packets to send in
 * answer to the start, an ACK or a timeout, and the caller sends them and keeps the clock.
 *
 * <p>Blocks are counted from 1 as {@code long} so transfers past 65535 blocks work; the wire
 * carries the low 16 bits ({@link TftpPackets#wireBlock}). A file of {@code n} bytes has
 * {@code n / blksize + 1} blocks, the last one shorter than {@code blksize} (possibly empty).
 *
 * <p>An ACK is matched against the blocks in flight: an ACK for a block already acknowledged (a
 * duplicate) changes nothing and sends nothing, so duplicated ACKs never cause duplicated DATA
 * (the Sorcerer's Apprentice bug, RFC 1123 4.2.3.1). A new ACK moves the window to the block after
 * it (RFC 7440: an ACK short of the window's end asks for a resend from there). Only a timeout
 * resends, and after {@code maxRetries} timeouts in a row the transfer fails.
 *
 * <p>Owned by the transfer channel's event loop; not thread-safe.
 */
final class ReadTransfer {
    /** What to send: an OACK, or DATA blocks {@code first..last} (none when first > last). */
    record Burst(boolean oack, long first, long last) {
        static final Burst NOTHING = new Burst(false, 1, 0);

        boolean isEmpty() {
            return !oack && first > last;
        }
    }

    private final long lastBlock;
    private final int window;
    private final int maxRetries;
    private boolean oackPending;
    private long acked;
    private long sent;
    private int retries;

    ReadTransfer(long fileSize, int blksize, int window, boolean sendOack, int maxRetries) {
        this.lastBlock = blockCount(fileSize, blksize);
        this.window = window;
        this.maxRetries = maxRetries;
        this.oackPending = sendOack;
    }

    /** Number of DATA blocks for a file: the last block is always shorter than blksize. */
    static long blockCount(long fileSize, int blksize) {
        return fileSize / blksize + 1;
    }

    /** Byte offset of absolute block {@code block} (1-based). */
    static long offset(long block, int blksize) {
        return (block - 1) * blksize;
    }

    Burst start() {
        return oackPending ? new Burst(true, 1, 0) : window();
    }

    Burst onAck(int wireBlock) {
        if (oackPending) {
            if (wireBlock != 0) {
                return Burst.NOTHING;
            }
            oackPending = false;
            retries = 0;
            return window();
        }
        long inFlight = sent - acked;
        long diff = (wireBlock - TftpPackets.wireBlock(acked)) & 0xFFFF;
        if (diff == 0 || diff > inFlight) {
            return Burst.NOTHING; // duplicate or stale: never resend on an ACK
        }
        acked += diff;
        retries = 0;
        return done() ? Burst.NOTHING : window();
    }

    /** A retransmission timeout: the burst to resend, or null when the retries are used up. */
    Burst onTimeout() {
        if (++retries > maxRetries) {
            return null;
        }
        if (oackPending) {
            return new Burst(true, 1, 0);
        }
        return new Burst(false, acked + 1, sent);
    }

    private Burst window() {
        long first = acked + 1;
        long last = Math.min(acked + window, lastBlock);
        sent = Math.max(sent, last);
        return new Burst(false, first, last);
    }

    boolean done() {
        return acked == lastBlock;
    }

    int retries() {
        return retries;
    }

    long acked() {
        return acked;
    }

    long lastBlock() {
        return lastBlock;
    }
}
