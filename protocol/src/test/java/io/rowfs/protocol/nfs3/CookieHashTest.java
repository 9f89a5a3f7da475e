package io.rowfs.protocol.nfs3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CookieHashTest {
    @Test
    void fnv1aMatchesThePublishedVectors() {
        assertEquals(0xcbf29ce484222325L, CookieHash.fnv1a64(new byte[0]));
        assertEquals(0xaf63dc4c8601ec8cL, CookieHash.fnv1a64("a".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(0x85944171f73967e8L, CookieHash.fnv1a64("foobar".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(CookieHash.fnv1a64(new byte[] {(byte) 0xE9}), CookieHash.fnv1a64(Filename.of(new byte[] {(byte) 0xE9})));
    }
}
