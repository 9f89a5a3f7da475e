package io.rowfs.boot.dhcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Address allocation for full-mode DHCP: a range, per-MAC reservations, offers held briefly,
 * bound leases, and quarantined (declined) addresses.
 *
 * <p>Invariant: an address is held by at most one MAC at a time. An address is free for a MAC
 * when it is in the range (or is that MAC's reservation), is not the server's address, is not
 * reserved for another MAC, is not quarantined, and holds no unexpired offer or lease of another
 * MAC. Bound leases, releases and declines are written to the {@link LeaseLog} before the caller
 * answers the client, so an ACK is never sent for a lease that is not on disk.
 *
 * <p>Owned by the DHCP worker thread; not thread-safe.
 */
public final class LeasePool {
    private final long first;
    private final long last;
    private final long serverIp;
    private final Map<String, Long> reservations;
    private final Set<Long> reservedIps;
    private final Clock clock;
    private final Duration leaseTime;
    private final Duration offerTime;
    private final Duration quarantineTime;
    private LeaseLog log;
    private final Map<String, Lease> byMac = new HashMap<>();
    private final Map<Long, Lease> byIp = new HashMap<>();
    private final Map<Long, Instant> quarantine = new HashMap<>();
    private long cursor;

    LeasePool(long first, long last, long serverIp, Map<String, Long> reservations, Clock clock,
              Duration leaseTime, Duration offerTime, Duration quarantineTime, LeaseLog log) {
        if (last < first) {
            throw new IllegalArgumentException("empty address range " + Ip4.toString(first) + "-" + Ip4.toString(last));
        }
        this.first = first;
        this.last = last;
        this.serverIp = serverIp;
        this.reservations = Map.copyOf(reservations);
        this.reservedIps = new HashSet<>(reservations.values());
        if (reservedIps.size() != reservations.size()) {
            throw new IllegalArgumentException("two MACs reserve the same address");
        }
        this.clock = clock;
        this.leaseTime = leaseTime;
        this.offerTime = offerTime;
        this.quarantineTime = quarantineTime;
        this.log = log;
        this.cursor = first;
    }

    /** Sets where changes are recorded from now on (after the lease file was replayed). */
    void attach(LeaseLog log) {
        this.log = log;
    }

    Duration leaseTime() {
        return leaseTime;
    }

    /**
     * Picks an address to offer {@code mac}: its reservation, else the address it holds, else the
     * one it asks for when free, else the next free one. Empty when the pool is exhausted.
     */
    public Optional<Long> offer(String mac, Long requested) {
        Instant now = clock.instant();
        Long ip = reservations.get(mac);
        if (ip == null) {
            Lease held = byMac.get(mac);
            if (held != null && free(held.ip(), mac, now)) {
                ip = held.ip();
            } else if (requested != null && inRange(requested) && free(requested, mac, now)) {
                ip = requested;
            } else {
                ip = nextFree(mac, now);
            }
        }
        if (ip == null) {
            return Optional.empty();
        }
        Lease held = byMac.get(mac);
        if (held == null || held.ip() != ip || !held.bound() || held.expired(now)) {
            put(new Lease(mac, ip, now.plus(offerTime), false));
        }
        return Optional.of(ip);
    }

    /**
     * Binds {@code ip} to {@code mac} (REQUEST in any state): granted when it is the MAC's
     * reservation, or it is in the range and free for the MAC. Empty means NAK.
     */
    public Optional<Lease> request(String mac, long ip) {
        Instant now = clock.instant();
        Long reserved = reservations.get(mac);
        boolean allowed = reserved != null ? reserved == ip : inRange(ip) && free(ip, mac, now);
        if (!allowed) {
            return Optional.empty();
        }
        Lease lease = new Lease(mac, ip, now.plus(leaseTime), true);
        write(() -> log.bound(lease));
        put(lease);
        return Optional.of(lease);
    }

    /** Forgets an unbound offer made to {@code mac} (it chose another server). */
    public void withdrawOffer(String mac) {
        Lease held = byMac.get(mac);
        if (held != null && !held.bound()) {
            remove(held);
        }
    }

    /** RELEASE: frees the address if {@code mac} holds it. */
    public boolean release(String mac, long ip) {
        Lease held = byIp.get(ip);
        if (held == null || !held.mac().equals(mac)) {
            return false;
        }
        write(() -> log.freed(mac, ip));
        remove(held);
        return true;
    }

    /** DECLINE: the client found {@code ip} in use; nobody gets it until the quarantine ends. */
    public void decline(String mac, long ip) {
        Instant until = clock.instant().plus(quarantineTime);
        write(() -> log.declined(ip, until));
        Lease held = byIp.get(ip);
        if (held != null && held.mac().equals(mac)) {
            remove(held);
        }
        quarantine.put(ip, until);
    }

    /** Restores a bound lease read from the lease file (expired ones are dropped). */
    void restore(Lease lease) {
        if (lease.expired(clock.instant())) {
            return;
        }
        Lease other = byIp.get(lease.ip());
        if (other != null) {
            remove(other);
        }
        put(lease);
    }

    void restoreFree(String mac, long ip) {
        Lease held = byIp.get(ip);
        if (held != null && held.mac().equals(mac)) {
            remove(held);
        }
    }

    void restoreQuarantine(long ip, Instant until) {
        if (clock.instant().isBefore(until)) {
            quarantine.put(ip, until);
        }
    }

    /** Unexpired bound leases, for compaction of the lease file. */
    Iterable<Lease> boundLeases() {
        Instant now = clock.instant();
        return byIp.values().stream().filter(l -> l.bound() && !l.expired(now)).toList();
    }

    Map<Long, Instant> quarantined() {
        Instant now = clock.instant();
        Map<Long, Instant> out = new HashMap<>();
        quarantine.forEach((ip, until) -> {
            if (now.isBefore(until)) {
                out.put(ip, until);
            }
        });
        return out;
    }

    public Optional<Lease> leaseOf(String mac) {
        return Optional.ofNullable(byMac.get(mac));
    }

    boolean inRange(long ip) {
        return ip >= first && ip <= last;
    }

    /** Whether {@code ip} may be given to {@code mac} now. */
    boolean free(long ip, String mac, Instant now) {
        if (ip == serverIp) {
            return false;
        }
        if (reservedIps.contains(ip) && !Long.valueOf(ip).equals(reservations.get(mac))) {
            return false;
        }
        Instant q = quarantine.get(ip);
        if (q != null) {
            if (now.isBefore(q)) {
                return false;
            }
            quarantine.remove(ip);
        }
        Lease held = byIp.get(ip);
        return held == null || held.mac().equals(mac) || held.expired(now);
    }

    private Long nextFree(String mac, Instant now) {
        long size = last - first + 1;
        for (long i = 0; i < size; i++) {
            long ip = cursor;
            cursor = cursor == last ? first : cursor + 1;
            if (free(ip, mac, now)) {
                return ip;
            }
        }
        return null;
    }

    private void put(Lease lease) {
        Lease old = byMac.get(lease.mac());
        if (old != null && old.ip() != lease.ip()) {
            byIp.remove(old.ip());
        }
        Lease previous = byIp.get(lease.ip());
        if (previous != null && !previous.mac().equals(lease.mac())) {
            byMac.remove(previous.mac());
        }
        byMac.put(lease.mac(), lease);
        byIp.put(lease.ip(), lease);
    }

    private void remove(Lease lease) {
        byMac.remove(lease.mac(), lease);
        byIp.remove(lease.ip(), lease);
    }

    private interface LogWrite {
        void run() throws IOException;
    }

    private static void write(LogWrite w) {
        try {
            w.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lease file", e);
        }
    }
}
