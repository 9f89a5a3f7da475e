package io.rowfs.proxy.server;

import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.proxy.threading.BackendException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the proxy's failures become NFS statuses. {@link NfsException}s (a bad or
 * stale handle, a back end's own status, a refused request) pass through unchanged and unlogged; an
 * unreachable back end ({@link BackendException}) is NFS3ERR_IO, logged as a warning; anything else
 * is a proxy bug, left for the dispatcher to answer NFS3ERR_SERVERFAULT and log as an error.
 */
final class Errors {
    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

    private Errors() {
    }

    static RuntimeException map(String procedure, RuntimeException e) {
        if (e instanceof NfsException) {
            return e;
        }
        if (e instanceof BackendException b) {
            LOG.warn("{}: back end unavailable: {}", procedure, b.getMessage());
            return new NfsException(Nfs3Status.IO, b.getMessage());
        }
        return e;
    }
}
