package io.rowfs.protocol.rpc;

/** {@code msg_type} and {@code reply_stat} wire values (RFC 5531 section 9). */
final class RpcMessageType {
    static final int CALL = 0;
    static final int REPLY = 1;
    static final int MSG_ACCEPTED = 0;
    static final int MSG_DENIED = 1;
    /** The only RPC version this code speaks (RFC 5531 section 9: {@code rpcvers} must be 2). */
    static final int RPC_VERSION = 2;

    private RpcMessageType() {
    }
}
