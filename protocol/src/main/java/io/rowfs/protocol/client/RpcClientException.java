package io.rowfs.protocol.client;

/** A call that got no usable reply: base class of the client's failures. */
public class RpcClientException extends RuntimeException {
    public RpcClientException(String message) {
        super(message);
    }

    public RpcClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
