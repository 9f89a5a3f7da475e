package io.rowfs.protocol.client;

import io.rowfs.protocol.rpc.Credentials;
import io.rowfs.protocol.rpc.XdrReader;
import io.rowfs.protocol.rpc.XdrWriter;
import java.util.concurrent.CompletableFuture;

/**
 * Something that makes typed ONC RPC calls: the pipelined, asynchronous {@link RpcClient}, or
 * {@link ThreadConnections}, which makes the call on the calling thread over that thread's own
 * connection (no hand-off to an event loop and back, for callers that wait anyway).
 */
public interface RpcCaller {
    /**
     * Sends a call and decodes its results. A reply state other than SUCCESS fails the future with
     * {@link RpcStatusException}; transport failures with other {@link RpcClientException}s.
     */
    <T> CompletableFuture<T> call(int program, int version, int procedure, Credentials cred, XdrWriter args,
                                  XdrReader<T> results);
}
