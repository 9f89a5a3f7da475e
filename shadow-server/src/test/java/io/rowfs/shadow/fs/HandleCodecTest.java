package io.rowfs.shadow.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HandleCodecTest {
    private final byte[] key = new byte[32];
    private final HandleCodec codec = new HandleCodec(key, 7);

    @Test
    void roundTripsInodeAndGeneration() throws Exception {
        for (long ino : new long[] {1, 2, 0xFFFF_FFFFL, Long.MAX_VALUE, -1}) {
            byte[] h = codec.encode(ino, -5);
            assertEquals(HandleCodec.LENGTH, h.length);
            assertEquals(new HandleCodec.Decoded(ino, -5), codec.decode(h));
        }
    }

    @Test
    void sameKeySameHandleAcrossInstances() {
        assertArrayEquals(codec.encode(42, 3), new HandleCodec(key, 7).encode(42, 3));
    }

    @Test
    void everySingleBitFlipIsRejected() {
        byte[] h = codec.encode(1234, 99);
        for (int bit = 0; bit < h.length * 8; bit++) {
            byte[] f = h.clone();
            f[bit / 8] ^= (byte) (1 << (bit % 8));
            FsException e = assertThrows(FsException.class, () -> codec.decode(f), "bit " + bit);
            assertEquals(FsError.BAD_HANDLE, e.error());
        }
    }

    @Test
    void truncatedExtendedEmptyAndNullAreRejected() {
        byte[] h = codec.encode(5, 5);
        for (int len = 0; len <= 64; len++) {
            if (len == HandleCodec.LENGTH) {
                continue;
            }
            byte[] t = Arrays.copyOf(h, len);
            assertEquals(FsError.BAD_HANDLE, assertThrows(FsException.class, () -> codec.decode(t)).error());
        }
        assertEquals(FsError.BAD_HANDLE, assertThrows(FsException.class, () -> codec.decode(null)).error());
    }

    @Test
    void otherKeyOrExportIsRejected() {
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        byte[] h1 = new HandleCodec(otherKey, 7).encode(5, 5);
        assertThrows(FsException.class, () -> codec.decode(h1));
        byte[] h2 = new HandleCodec(key, 8).encode(5, 5);
        assertThrows(FsException.class, () -> codec.decode(h2));
    }

    @Test
    void randomGarbageIsRejected() {
        Random r = new Random(1);
        for (int i = 0; i < 10_000; i++) {
            byte[] g = new byte[HandleCodec.LENGTH];
            r.nextBytes(g);
            g[0] = 1;
            g[1] = 0;
            g[2] = 0;
            g[3] = 7;
            assertThrows(FsException.class, () -> codec.decode(g));
        }
    }
}
