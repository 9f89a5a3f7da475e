package io.rowfs.proxy.handle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void rememberedHandlesStillRejectForgeriesOfTheSameObject() throws Exception {
        byte[] good = codec.encode(new VirtualHandle(1, 5, 0)); // remembered from here on
        assertEquals(5, codec.decode(good).objectId());
        byte[] other = new VirtualHandleCodec("another-session-key-of-32-bytes!".getBytes())
                .encode(new VirtualHandle(1, 5, 0));
        assertThrows(BadHandleException.class, () -> codec.decode(other), "same object, other key");
        byte[] otherGeneration = good.clone();
        otherGeneration[15] ^= 1;
        assertThrows(BadHandleException.class, () -> codec.decode(otherGeneration));
        assertEquals(5, codec.decode(good).objectId(), "the good one still decodes");
    }

    @Test
    void handlesDecodeTheSameWhetherRememberedOrNot() throws Exception {
        VirtualHandle h = new VirtualHandle(1, 4242, 7);
        byte[] fromOther = new VirtualHandleCodec(key.clone()).encode(h); // not remembered by codec
        assertEquals(h, codec.decode(fromOther), "verified by its MAC");
        assertEquals(h, codec.decode(fromOther), "then remembered");
        assertArrayEquals(fromOther, codec.encode(h));
        byte[] copy = codec.encode(h);
        copy[0] = 99; // callers get copies: changing one does not change what is remembered
        assertArrayEquals(fromOther, codec.encode(h));
        assertEquals(h, codec.decode(fromOther));
    }

    @Test
    void remembersABoundedNumberOfHandles() throws Exception {
        for (long id = 1; id <= VirtualHandleCodec.REMEMBERED + 100; id++) {
            codec.encode(new VirtualHandle(1, id, 0));
            assertTrue(codec.remembered() <= VirtualHandleCodec.REMEMBERED);
        }
        assertEquals(1, codec.decode(codec.encode(new VirtualHandle(1, 1, 0))).objectId(), "after the table emptied");
    }
}
