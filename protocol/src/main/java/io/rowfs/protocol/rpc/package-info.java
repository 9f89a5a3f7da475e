/**
 * ONC RPC version 2 (RFC 5531), transport-neutral: call and reply headers with their codecs, the
 * AUTH_NONE and AUTH_SYS credentials, the server SPI ({@link io.rowfs.protocol.rpc.RpcProgram},
 * {@link io.rowfs.protocol.rpc.RpcCall}, {@link io.rowfs.protocol.rpc.RpcReplier}) and the one
 * {@link io.rowfs.protocol.rpc.RpcDispatcher} that turns a record into a call and maps every failure
 * to an accept or reject state. Framing (TCP record marking, UDP datagrams) lives in
 * {@code io.rowfs.protocol.transport}.
 */
package io.rowfs.protocol.rpc;
