/**
 * Java handles on the real peers of {@code tests/peers/} (see its README.md): nfs-ganesha in a
 * network namespace ({@link io.rowfs.tests.peers.Ganesha}), the libnfs command-line clients
 * ({@link io.rowfs.tests.peers.Libnfs}), network namespaces with tap devices and processes inside
 * them ({@link io.rowfs.tests.peers.Netns}), a QEMU guest running the Linux NFS client or PXE
 * booting ({@link io.rowfs.tests.peers.GuestImage}, {@link io.rowfs.tests.peers.QemuGuest}), a TCP
 * bridge into a namespace ({@link io.rowfs.tests.peers.PortBridge}) and a WAN-delay relay
 * ({@link io.rowfs.tests.peers.WanRelay}).
 *
 * <p>Everything here needs root and the Debian packages of {@code scripts/setup-debian.sh}; a missing
 * tool is a {@link io.rowfs.tests.peers.PeerException} with a clear message, never a skipped test.
 */
package io.rowfs.tests.peers;
