package io.rowfs.proxy.cache;

import java.util.Arrays;

/** One chunk of one main file, as a map key (the handle compared by content). */
record ChunkRef(byte[] handle, long chunk) {
    @Override
    public boolean equals(Object o) {
        return o instanceof ChunkRef c && chunk == c.chunk && Arrays.equals(handle, c.handle);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(handle) * 31 + Long.hashCode(chunk);
    }

    @Override
    public String toString() {
        return "chunk " + chunk + " of a " + handle.length + "-byte handle";
    }
}
