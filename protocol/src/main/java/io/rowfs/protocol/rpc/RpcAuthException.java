package io.rowfs.protocol.rpc;

/** A credential or verifier the server refuses; answered with MSG_DENIED AUTH_ERROR(stat). */
public final class RpcAuthException extends RuntimeException {
    private final AuthStat stat;

    public RpcAuthException(AuthStat stat, String message) {
        super(message);
        this.stat = stat;
    }

    public AuthStat stat() {
        return stat;
    }
}
