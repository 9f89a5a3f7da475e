package io.rowfs.protocol.nfs3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.protocol.nfs3.MacHandleCodec.Fields;
import io.rowfs.protocol.nfs3.MacHandleCodec.InvalidHandleException;
import io.rowfs.protocol.nfs3.MacHandleCodec.Reason;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The layout and MAC the shadow server's and the proxy's handles share. */
class MacHandleCodecTest {
    private final byte[] key = "0123456789abcdef0123456789abcdef".getBytes();
    private final MacHandleCodec codec = new MacHandleCodec(key);

    @Test
    void layoutIsTheDiagramsByteForByte() throws Exception {
        byte[] h = codec.encode(new Fields(0x0102, 0x1122334455667788L, 0xA0B0C0D0));
        assertEquals(32, h.length);
        assertEquals("01000102" + "1122334455667788" + "a0b0c0d0", HexFormat.of().formatHex(h, 0, 16));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update(h, 0, 16);
        assertArrayEquals(Arrays.copyOf(mac.doFinal(), 16), Arrays.copyOfRange(h, 16, 32), "first 16 bytes of HMAC-SHA256");
        assertTrue(h.length <= Nfs3.FHSIZE);
    }

    @Test
    void roundTripsEveryField() throws Exception {
        for (long id : new long[] {1, 2, 0xFFFF_FFFFL, Long.MAX_VALUE, -1, 0}) {
            for (int export : new int[] {0, 7, 0xFFFF}) {
                Fields f = new Fields(export, id, -5);
                assertEquals(f, codec.decode(codec.encode(f)));
            }
        }
    }

    @Test
    void sameKeySameHandleAcrossInstances() throws Exception {
        Fields f = new Fields(1, 42, 3);
        assertArrayEquals(codec.encode(f), new MacHandleCodec(key.clone()).encode(f));
        assertEquals(f, new MacHandleCodec(key.clone()).decode(codec.encode(f)));
    }

    @Test
    void everySingleBitFlipFailsTheMac() {
        byte[] h = codec.encode(new Fields(7, 1234, 99));
        for (int bit = 0; bit < h.length * 8; bit++) {
            byte[] f = h.clone();
            f[bit / 8] ^= (byte) (1 << (bit % 8));
            InvalidHandleException e = assertThrows(InvalidHandleException.class, () -> codec.decode(f), "bit " + bit);
            assertEquals(Reason.MAC, e.reason(), "bit " + bit);
        }
    }

    @Test
    void otherKeyFailsTheMac() {
        byte[] other = new MacHandleCodec("another-session-key-of-32-bytes!".getBytes()).encode(new Fields(1, 5, 0));
        assertEquals(Reason.MAC, assertThrows(InvalidHandleException.class, () -> codec.decode(other)).reason());
    }

    @Test
    void everyOtherLengthAndNullAreRefusedBeforeTheMac() {
        byte[] h = codec.encode(new Fields(5, 5, 5));
        for (int len = 0; len <= 64; len++) {
            if (len == MacHandleCodec.LENGTH) {
                continue;
            }
            byte[] t = Arrays.copyOf(h, len);
            assertEquals(Reason.LENGTH, assertThrows(InvalidHandleException.class, () -> codec.decode(t)).reason());
            assertEquals(Reason.LENGTH, assertThrows(InvalidHandleException.class, () -> MacHandleCodec.decodeKnown(t)).reason());
        }
        assertEquals(Reason.LENGTH, assertThrows(InvalidHandleException.class, () -> codec.decode(null)).reason());
    }

    @Test
    void randomGarbageIsRefused() {
        Random r = new Random(1);
        for (int i = 0; i < 10_000; i++) {
            byte[] g = new byte[MacHandleCodec.LENGTH];
            r.nextBytes(g);
            g[0] = 1;
            g[1] = 0;
            assertThrows(InvalidHandleException.class, () -> codec.decode(g));
        }
    }

    @Test
    void knownHandlesSkipTheMacButNotVersionAndFlags() throws Exception {
        Fields f = new Fields(3, 77, 1);
        byte[] h = codec.encode(f);
        assertEquals(f, MacHandleCodec.decodeKnown(h));
        byte[] v = h.clone();
        v[0] = 2;
        assertEquals(Reason.VERSION, assertThrows(InvalidHandleException.class, () -> MacHandleCodec.decodeKnown(v)).reason());
        byte[] fl = h.clone();
        fl[1] = 1;
        assertEquals(Reason.VERSION, assertThrows(InvalidHandleException.class, () -> MacHandleCodec.decodeKnown(fl)).reason());
    }

    @Test
    void objectIdAndHoldsReadTheLayoutWithoutTheMac() {
        Fields f = new Fields(3, 0x1122334455667788L, 9);
        byte[] h = codec.encode(f);
        assertEquals(0x1122334455667788L, MacHandleCodec.objectIdOf(h));
        assertEquals(0, MacHandleCodec.objectIdOf(new byte[31]));
        assertEquals(0, MacHandleCodec.objectIdOf(null));
        assertTrue(MacHandleCodec.holds(h, f));
        assertFalse(MacHandleCodec.holds(h, new Fields(3, 0x1122334455667788L, 10)));
        assertFalse(MacHandleCodec.holds(h, new Fields(4, 0x1122334455667788L, 9)));
        assertFalse(MacHandleCodec.holds(Arrays.copyOf(h, 31), f));
    }

    @Test
    void shortKeysAndWideExportIdsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MacHandleCodec(new byte[15]));
        assertThrows(IllegalArgumentException.class, () -> new Fields(0x10000, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Fields(-1, 1, 0));
    }
}
