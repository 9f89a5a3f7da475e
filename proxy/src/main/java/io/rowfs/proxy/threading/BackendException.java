package io.rowfs.proxy.threading;

/**
 * A back end did not answer usefully (timeout, lost connection, an RPC-level error): not an NFS
 * status of the back end but a failure to reach it. The client gets NFS3ERR_IO.
 */
public final class BackendException extends RuntimeException {
    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
