/**
 * An asynchronous, pipelining ONC RPC client over TCP ({@link io.rowfs.protocol.client.RpcClient}):
 * xid matching, per-call timeouts, reconnect after a lost connection, optional privileged source
 * port. The typed wrappers for MOUNT and the portmapper live next to their programs.
 */
package io.rowfs.protocol.client;
