package io.rowfs.proxy.cache;

import java.util.concurrent.CompletableFuture;

/** Reads bytes of a file from the main server (in production: NFSv3 READ through an Nfs3Client). */
public interface MainSource {
    /**
     * Reads up to {@code count} bytes at {@code offset}; the array is shorter only at end of file.
     */
    CompletableFuture<byte[]> read(byte[] mainHandle, long offset, int count);
}
