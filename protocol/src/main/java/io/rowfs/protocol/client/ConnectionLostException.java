package io.rowfs.protocol.client;

/**
 * The connection closed (or could not be opened) while the call waited for its reply. The call may
 * or may not have run on the server; the next call opens a new connection.
 */
public final class ConnectionLostException extends RpcClientException {
    public ConnectionLostException(String message) {
        super(message);
    }

    public ConnectionLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
