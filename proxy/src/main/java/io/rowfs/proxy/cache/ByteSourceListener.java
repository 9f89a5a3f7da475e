package io.rowfs.proxy.cache;

/**
 * Told how many bytes of file data each source supplied: MAIN counts bytes that crossed the wire
 * from the main server (readahead included), CACHE bytes served from the local main-data cache,
 * SHADOW bytes read from the shadow server. Called on I/O threads; must be cheap and not throw.
 */
@FunctionalInterface
public interface ByteSourceListener {
    ByteSourceListener NONE = (source, bytes) -> { };

    /** Where file bytes came from. */
    enum ByteSource { MAIN, CACHE, SHADOW }

    void supplied(ByteSource source, long bytes);
}
