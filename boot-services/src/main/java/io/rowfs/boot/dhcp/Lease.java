package io.rowfs.boot.dhcp;

import java.time.Instant;

/**
 * An address held for a client: offered (held briefly until the REQUEST) or bound (ACKed).
 *
 * @param ip IPv4 address as an unsigned value (see {@link Ip4})
 */
public record Lease(String mac, long ip, Instant expires, boolean bound) {
    boolean expired(Instant now) {
        return !now.isBefore(expires);
    }

    @Override
    public String toString() {
        return (bound ? "lease " : "offer ") + Ip4.toString(ip) + " to " + mac + " until " + expires;
    }
}
