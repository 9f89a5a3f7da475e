package io.rowfs.protocol.nfs3;

/**
 * What the stateless READDIR cookies of the shadow server and of the proxy are built from: "." and
 * ".." have the fixed cookies {@link #DOT} and {@link #DOTDOT}; every other name starts from the
 * 64-bit FNV-1a hash of its bytes ({@link #fnv1a64}), which each server then maps into
 * [{@link #FIRST_NAME}, 2^62) in its own way (cookies a client already holds must not change, so
 * the two mappings stay as they were). A cookie means "resume after this entry".
 */
public final class CookieHash {
    /** The cookie of ".". */
    public static final long DOT = 1;
    /** The cookie of "..". */
    public static final long DOTDOT = 2;
    /** The smallest cookie of a name other than "." and "..". */
    public static final long FIRST_NAME = 3;

    private static final long FNV64_OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long FNV64_PRIME = 0x100000001b3L;

    private CookieHash() {
    }

    /** FNV-1a, 64 bits, of {@code bytes} (each byte unsigned). */
    public static long fnv1a64(byte[] bytes) {
        long h = FNV64_OFFSET_BASIS;
        for (byte b : bytes) {
            h ^= b & 0xFF;
            h *= FNV64_PRIME;
        }
        return h;
    }

    /** FNV-1a, 64 bits, of the bytes of {@code name} (without copying them). */
    public static long fnv1a64(Filename name) {
        return fnv1a64(name.raw());
    }
}
