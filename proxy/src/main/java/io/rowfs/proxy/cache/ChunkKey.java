package io.rowfs.proxy.cache;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Identity of one cached chunk: a 16-byte digest of the main file handle, then the chunk index.
 * Layout (24 bytes): {@code SHA-256(main handle)[0..16) | chunk index (u64, big-endian)}.
 */
final class ChunkKey {
    static final int LENGTH = 24;

    private ChunkKey() {
    }

    static byte[] of(byte[] mainHandle, long chunk) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(mainHandle);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return ByteBuffer.allocate(LENGTH).put(digest, 0, 16).putLong(chunk).array();
    }
}
