package io.rowfs.protocol.client;

/** No reply arrived within the call's timeout. */
public final class RpcTimeoutException extends RpcClientException {
    public RpcTimeoutException(String message) {
        super(message);
    }
}
