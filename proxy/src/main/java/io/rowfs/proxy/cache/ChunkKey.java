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
    /** One digest per thread: {@code MessageDigest.getInstance} costs more than hashing a handle. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private ChunkKey() {
    }

    static byte[] of(byte[] mainHandle, long chunk) {
        MessageDigest sha = SHA256.get();
        sha.reset();
        byte[] digest = sha.digest(mainHandle);
        return ByteBuffer.allocate(LENGTH).put(digest, 0, 16).putLong(chunk).array();
    }
}
