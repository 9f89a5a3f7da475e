package io.rowfs.proxy.row;

import io.rowfs.protocol.nfs3.Verifier;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one write verifier of WRITE and COMMIT replies: a random per-process value mixed with the last
 * verifier seen from the shadow. It changes when the proxy restarts (new random value) and when the
 * shadow's verifier changes (the shadow restarted and may have lost unstable data), which is how a
 * client learns to resend its uncommitted writes. Thread-safe.
 */
public final class WriteVerifier {
    private final AtomicLong boot;
    private final AtomicLong shadow = new AtomicLong();

    public WriteVerifier() {
        this(new SecureRandom().nextLong());
    }

    WriteVerifier(long boot) {
        this.boot = new AtomicLong(boot);
    }

    /**
     * Changes the verifier, as a restart would: for when unstable data the proxy acknowledged was
     * lost (a queued write failed), so clients resend what they have not committed.
     */
    public void lostUnstableData() {
        boot.set(new SecureRandom().nextLong());
    }

    /** Records the verifier of a shadow WRITE or COMMIT reply. */
    public void observeShadow(Verifier v) {
        shadow.set(v.value());
    }

    public Verifier current() {
        long s = shadow.get() * 0x9E3779B97F4A7C15L;
        return new Verifier(boot.get() ^ (s ^ (s >>> 29)));
    }
}
