/**
 * A DHCPv4 server for PXE: full mode (address pool, per-MAC reservations, a lease file) and
 * proxyDHCP mode (boot information only, ports 67 and 4011). dhcp4java only parses and builds the
 * packets; allocation ({@link io.rowfs.boot.dhcp.LeasePool}), persistence
 * ({@link io.rowfs.boot.dhcp.LeaseFile}), the reply rules ({@link io.rowfs.boot.dhcp.DhcpLogic}) and
 * the PXE boot-file choice ({@link io.rowfs.boot.dhcp.BootFileChooser}) are ours.
 */
package io.rowfs.boot.dhcp;
