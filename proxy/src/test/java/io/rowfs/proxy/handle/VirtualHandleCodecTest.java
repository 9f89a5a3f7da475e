package io.rowfs.proxy.handle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class VirtualHandleCodecTest {
    private final byte[] key = "0123456789abcdef0123456789abcdef".getBytes();
    private final VirtualHandleCodec codec = new VirtualHandleCodec(key);

    @Test
    void roundTripsAndIsThirtyTwoBytes() throws Exception {
        VirtualHandle h = new VirtualHandle(7, 0x1122334455667788L, 42);
        byte[] bytes = codec.encode(h);
        assertEquals(32, bytes.length);
        assertEquals(h, codec.decode(bytes));
    }

    @Test
    void sameKeyInANewCodecDecodes() throws Exception {
        byte[] bytes = codec.encode(new VirtualHandle(1, 99, 0));
        assertEquals(99, new VirtualHandleCodec(key.clone()).decode(bytes).objectId());
    }

    @Test
    void everySingleBitFlipIsRejected() {
        byte[] good = codec.encode(new VirtualHandle(1, 12345, 3));
        for (int bit = 0; bit < good.length * 8; bit++) {
            byte[] forged = good.clone();
            forged[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThrows(BadHandleException.class, () -> codec.decode(forged), "bit " + bit);
        }
    }

    @Test
    void otherSessionHandleIsRejected() {
        byte[] other = new VirtualHandleCodec("another-session-key-of-32-bytes!".getBytes())
                .encode(new VirtualHandle(1, 5, 0));
        BadHandleException e = assertThrows(BadHandleException.class, () -> codec.decode(other));
        assertEquals("handle MAC does not verify (forged or from another proxy state)", e.getMessage());
    }

    @Test
    void truncatedEmptyAndOversizedAreRejected() {
        byte[] good = codec.encode(new VirtualHandle(1, 5, 0));
        assertThrows(BadHandleException.class, () -> codec.decode(new byte[0]));
        assertThrows(BadHandleException.class, () -> codec.decode(Arrays.copyOf(good, 31)));
        assertThrows(BadHandleException.class, () -> codec.decode(Arrays.copyOf(good, 33)));
        assertThrows(BadHandleException.class, () -> codec.decode(new byte[64]));
    }

    @Test
    void encodingIsDeterministic() {
        VirtualHandle h = new VirtualHandle(3, 77, 1);
        assertArrayEquals(codec.encode(h), codec.encode(h));
    }
}
