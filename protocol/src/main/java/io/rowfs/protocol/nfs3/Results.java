package io.rowfs.protocol.nfs3;

import java.util.Objects;

/** Checks shared by the result records' constructors. */
final class Results {
    private Results() {}

    /** Requires a status, and when it is OK, every field of the resok arm. */
    static void check(Nfs3Status status, Object... okFields) {
        Objects.requireNonNull(status, "status");
        if (status.isOk()) {
            for (Object f : okFields) {
                if (f == null) {
                    throw new IllegalArgumentException("an NFS3_OK result needs every resok field");
                }
            }
        }
    }

    /** Requires a failure status for a fail(...) factory. */
    static Nfs3Status failure(Nfs3Status status) {
        if (status == null || status.isOk()) {
            throw new IllegalArgumentException("a failure result needs a failure status, got " + status);
        }
        return status;
    }
}
