package io.rowfs.shadow.fs;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The 8-byte writeverf3 of WRITE and COMMIT (RFC 1813 3.3.7): one value per server start (start
 * time in milliseconds XOR random bits), so clients learn to resend unstable writes after a restart.
 */
public final class WriteVerifier {
    private final byte[] value;

    public WriteVerifier(Clock clock) {
        long v = clock.millis() ^ new SecureRandom().nextLong();
        this.value = ByteBuffer.allocate(8).putLong(v).array();
    }

    public byte[] bytes() {
        return value.clone();
    }
}
