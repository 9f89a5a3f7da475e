package io.rowfs.boot.dhcp;

/** How the DHCP server takes part in address assignment. */
public enum DhcpMode {
    /** Hands out addresses from its pool and boot information. */
    FULL,
    /** proxyDHCP: another server assigns addresses; this one gives PXE clients boot information only. */
    PROXY,
    /** No DHCP at all. */
    OFF
}
