package io.rowfs.protocol.rpc;

/**
 * One RPC program, possibly in several versions: what the shadow server, the proxy and the
 * embedded portmapper and MOUNT programs implement.
 *
 * <p>Contract of {@link #call}: it runs on a Netty event loop and must never block. It must decode
 * its arguments from {@link RpcCall#args()} before returning, because the record buffer is released
 * as soon as it returns (payloads kept longer must be retained slices, e.g.
 * {@code XdrDecoder.readOpaqueRetainedSlice}, which the program then releases). It answers through
 * the {@link RpcReplier} exactly once, now or later from any thread. An
 * {@link io.rowfs.protocol.xdr.XdrException} escaping {@code call} is answered with GARBAGE_ARGS, an
 * {@link RpcAuthException} with AUTH_ERROR, any other RuntimeException with SYSTEM_ERR (see
 * {@link RpcDispatcher}).
 */
public interface RpcProgram {
    int program();

    int lowVersion();

    int highVersion();

    /** False makes the dispatcher answer PROC_UNAVAIL without calling {@link #call}. */
    boolean hasProcedure(int version, int procedure);

    void call(RpcCall call, RpcReplier replier);
}
