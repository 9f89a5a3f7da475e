package io.rowfs.proxy.handle;

/** A handle that does not decode or fails its MAC: the client gets NFS3ERR_BADHANDLE. */
public final class BadHandleException extends Exception {
    public BadHandleException(String message) {
        super(message, null, false, false);
    }
}
