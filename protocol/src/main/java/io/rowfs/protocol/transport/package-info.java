/**
 * Framing and sockets for ONC RPC: the TCP record-marking decoder (RFC 5531 section 11) with its
 * record-size cap, the record-marking encoder, the UDP datagram handler, and {@link
 * io.rowfs.protocol.transport.RpcServer}, which binds TCP and UDP and hands every record to the one
 * {@link io.rowfs.protocol.rpc.RpcDispatcher}. Uses the epoll transport when it loads, NIO otherwise;
 * {@link io.rowfs.protocol.transport.StreamSockets} holds the socket settings tuned for 1 MiB records.
 */
package io.rowfs.protocol.transport;
