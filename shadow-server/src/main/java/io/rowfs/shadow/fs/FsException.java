package io.rowfs.shadow.fs;

import java.io.IOException;

/** An {@link IOException} carrying an {@link FsError}; the NFS layer maps it to a status. */
public final class FsException extends IOException {
    private final FsError error;

    public FsException(FsError error, String message) {
        super(message);
        this.error = error;
    }

    public FsError error() {
        return error;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // routine client errors: the message says everything
    }
}
