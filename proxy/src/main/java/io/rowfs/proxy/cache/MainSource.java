package io.rowfs.proxy.cache;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;

/** Reads bytes of a file from the main server (in production: NFSv3 READ through an Nfs3Client). */
public interface MainSource {
    /**
     * Reads up to {@code count} bytes at {@code offset}; fewer only at end of file. The buffer
     * belongs to whoever completes the future's dependants: it must be released exactly once.
     */
    CompletableFuture<ByteBuf> read(byte[] mainHandle, long offset, int count);
}
