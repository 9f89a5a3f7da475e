/**
 * A read-only TFTP server on Netty UDP: RFC 1350 with option negotiation (RFC 2347), blksize
 * (RFC 2348), timeout and tsize (RFC 2349) and windowsize (RFC 7440).
 *
 * <p>{@link io.rowfs.boot.tftp.TftpServer} listens for requests; each accepted read request gets its
 * own ephemeral-port channel (its transfer id) driven by a {@link io.rowfs.boot.tftp.TftpTransferHandler},
 * whose protocol logic lives in the I/O-free {@link io.rowfs.boot.tftp.ReadTransfer}. With epoll that
 * channel is connected to the client (shorter lock-step round trips) and an unconnected twin on the
 * same port ({@link io.rowfs.boot.tftp.UnknownTidHandler}, SO_REUSEPORT) answers strangers with ERROR 5.
 */
package io.rowfs.boot.tftp;
