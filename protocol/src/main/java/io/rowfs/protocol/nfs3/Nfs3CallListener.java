package io.rowfs.protocol.nfs3;

/**
 * Told of every call an {@link Nfs3Client} makes, on the calling thread, before it is sent. Used
 * for per-procedure counters; must be cheap and must not throw.
 */
@FunctionalInterface
public interface Nfs3CallListener {
    Nfs3CallListener NONE = procedure -> { };

    void calling(Nfs3Procedure<?, ?> procedure);
}
