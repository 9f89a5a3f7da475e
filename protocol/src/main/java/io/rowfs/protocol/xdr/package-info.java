/**
 * XDR (RFC 4506) over Netty {@link io.netty.buffer.ByteBuf}: strict decoding where every length is
 * checked against the bytes that remain and against a named limit before anything is allocated,
 * and a matching encoder. Decoding failures are {@link io.rowfs.protocol.xdr.XdrException}s whose
 * message says what was read and what was allowed; the RPC layer maps them to GARBAGE_ARGS.
 * {@link io.rowfs.protocol.xdr.MessageBuffers} makes the buffer a whole call or reply is encoded into.
 */
package io.rowfs.protocol.xdr;
