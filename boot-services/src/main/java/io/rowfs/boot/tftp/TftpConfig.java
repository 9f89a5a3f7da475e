package io.rowfs.boot.tftp;

import java.time.Duration;

/**
 * TFTP server settings.
 *
 * @param maxBlksize cap on a negotiated blksize; the default 1468 is an Ethernet MTU of 1500 minus
 *                   the IPv4 (20), UDP (8) and TFTP (4) headers
 * @param maxWindow  cap on a negotiated windowsize (RFC 7440; gains level off around 32-64)
 * @param timeout    first retransmission timeout unless the client negotiated one (RFC 2349)
 * @param maxRetries retransmissions of one window before the transfer is abandoned; the timeout
 *                   doubles after each, up to 8 times the first
 * @param perClient  concurrent transfers allowed from one client address
 * @param global     concurrent transfers allowed overall
 */
public record TftpConfig(int maxBlksize, int maxWindow, Duration timeout, int maxRetries, int perClient,
                         int global) {
    /** RFC 1350 block size. */
    public static final int DEFAULT_BLKSIZE = 512;
    /** RFC 2348 limits. */
    public static final int MIN_BLKSIZE = 8;
    public static final int MAX_BLKSIZE = 65464;

    public TftpConfig {
        if (maxBlksize < MIN_BLKSIZE || maxBlksize > MAX_BLKSIZE) {
            throw new IllegalArgumentException("TFTP block size cap " + maxBlksize + " is outside "
                    + MIN_BLKSIZE + ".." + MAX_BLKSIZE);
        }
        if (maxWindow < 1 || maxWindow > 65535) {
            throw new IllegalArgumentException("TFTP window cap " + maxWindow + " is outside 1..65535");
        }
        if (perClient < 1 || global < 1) {
            throw new IllegalArgumentException("TFTP transfer limits must be at least 1");
        }
    }

    public static TftpConfig defaults() {
        return new TftpConfig(1468, 64, Duration.ofSeconds(1), 5, 8, 256);
    }
}
