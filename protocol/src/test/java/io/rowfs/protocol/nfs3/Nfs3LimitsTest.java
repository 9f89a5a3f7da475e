package io.rowfs.protocol.nfs3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrException;
import io.rowfs.protocol.xdr.XdrLimits;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Lengths at 0, max and max+1 for handles, names, paths and opaque data. */
class Nfs3LimitsTest {
    /** An XDR variable-length opaque of {@code len} bytes, with padding. */
    private static byte[] opaque(int len) {
        return Codec.bytes(out -> out.writeOpaque(filled(len)));
    }

    private static byte[] filled(int len) {
        byte[] b = new byte[len];
        Arrays.fill(b, (byte) 'a');
        return b;
    }

    private static <T> NfsException rejected(byte[] wire, Function<XdrDecoder, T> decoder) {
        return assertThrows(NfsException.class, () -> Codec.decode(wire, decoder));
    }

    @Test
    void handlesOfZeroAndSixtyFourBytesDecode() {
        assertEquals(0, Codec.decode(opaque(0), FileHandle::decode).length());
        assertEquals(64, Codec.decode(opaque(64), FileHandle::decode).length());
    }

    @Test
    void aSixtyFiveByteHandleIsBadHandleNotGarbage() {
        NfsException e = rejected(opaque(65), FileHandle::decode);
        assertEquals(Nfs3Status.BADHANDLE, e.status());
        assertTrue(e.getMessage().contains("65 bytes") && e.getMessage().contains("64"),
                e.getMessage());
    }

    @Test
    void aHugeHandleLengthIsBadHandleWithoutAllocating() {
        byte[] wire = Codec.bytes(out -> out.writeInt(-1));
        NfsException e = assertThrows(NfsException.class,
                () -> FileHandle.decode(new XdrDecoder(Unpooled.wrappedBuffer(wire))));
        assertEquals(Nfs3Status.BADHANDLE, e.status());
        assertTrue(e.getMessage().contains("4294967295"), e.getMessage());
    }

    @Test
    void handleConstructorRefusesSixtyFiveBytes() {
        assertThrows(IllegalArgumentException.class, () -> FileHandle.of(new byte[65]));
    }

    @Test
    void namesUpTo255BytesDecodeAnd256IsNameTooLong() {
        assertEquals(0, Codec.decode(opaque(0), Filename::decode).length());
        assertEquals(255, Codec.decode(opaque(255), Filename::decode).length());
        assertEquals(Nfs3Status.NAMETOOLONG, rejected(opaque(256), Filename::decode).status());
        assertThrows(IllegalArgumentException.class, () -> Filename.of(filled(256)));
    }

    @Test
    void pathsUpTo1024BytesDecodeAnd1025IsNameTooLong() {
        assertEquals(0, Codec.decode(opaque(0), NfsPath::decode).length());
        assertEquals(1024, Codec.decode(opaque(1024), NfsPath::decode).length());
        assertEquals(Nfs3Status.NAMETOOLONG, rejected(opaque(1025), NfsPath::decode).status());
        assertThrows(IllegalArgumentException.class, () -> NfsPath.of(filled(1025)));
    }

    @Test
    void nonUtf8NamesSurviveUnchanged() {
        byte[] raw = {(byte) 0xff, (byte) 0xfe, 'a', 0};
        Filename n = Codec.decode(Codec.bytes(out -> out.writeOpaque(raw)), Filename::decode);
        assertEquals(Arrays.toString(raw), Arrays.toString(n.bytes()));
    }

    @Test
    void lookupWithSixtyFiveByteDirHandleIsBadHandle() {
        byte[] wire = Codec.bytes(out -> {
            out.writeOpaque(filled(65));
            out.writeOpaque(filled(1));
        });
        assertEquals(Nfs3Status.BADHANDLE, rejected(wire, LookupArgs::decode).status());
    }

    @Test
    void writeDataAtZeroMaxAndMaxPlusOne() {
        int max = 4096;
        XdrLimits limits = new XdrLimits(max, 255, 16);
        for (int len : new int[] {0, max}) {
            WriteArgs args = decodeWrite(writeWire(len), limits);
            try {
                assertEquals(len, args.data().readableBytes());
            } finally {
                args.release();
            }
        }
        XdrException e = assertThrows(XdrException.class,
                () -> decodeWrite(writeWire(max + 1), limits));
        assertTrue(e.getMessage().contains(String.valueOf(max + 1)), e.getMessage());
    }

    @Test
    void paddingIsSkippedForEveryLengthModuloFour() {
        for (int len = 0; len < 8; len++) {
            int l = len;
            byte[] wire = Codec.bytes(out -> {
                out.writeOpaque(filled(l));
                out.writeInt(0x5a5a5a5a);
            });
            int after = Codec.<Integer>decode(wire, in -> {
                Filename.decode(in);
                return in.readInt();
            });
            assertEquals(0x5a5a5a5a, after);
        }
    }

    @Test
    void unknownStatusAndTypeAreXdrErrors() {
        XdrException s = assertThrows(XdrException.class,
                () -> Codec.decode(Codec.bytes(out -> out.writeInt(3)), Nfs3Status::decode));
        assertTrue(s.getMessage().contains("3"), s.getMessage());
        assertThrows(XdrException.class,
                () -> Codec.decode(Codec.bytes(out -> out.writeInt(8)), FileType::decode));
        assertThrows(XdrException.class,
                () -> Codec.decode(Codec.bytes(out -> out.writeInt(3)), StableHow::decode));
        assertThrows(XdrException.class,
                () -> Codec.decode(Codec.bytes(out -> out.writeInt(2)), PostOpAttr::decode));
    }

    @Test
    void writeCountDifferentFromTheDataLengthIsGarbageAndReleasesTheSlice() {
        ByteBuf data = Unpooled.buffer().writeZero(10);
        ByteBuf wire = Unpooled.buffer();
        new WriteArgs(Nfs3Samples.handle(), 0, 11, StableHow.UNSTABLE, data)
                .encode(new io.rowfs.protocol.xdr.XdrEncoder(wire));
        data.release();
        XdrException e = assertThrows(XdrException.class, () -> WriteArgs.decode(new XdrDecoder(wire)));
        assertTrue(e.getMessage().contains("count 11") && e.getMessage().contains("length 10"),
                e.getMessage());
        assertEquals(1, wire.refCnt(), "the slice taken before the check was released");
        wire.release();
    }

    private static byte[] writeWire(int len) {
        return Codec.bytes(out -> {
            Nfs3Samples.handle().encode(out);
            out.writeLong(0).writeInt(len);
            StableHow.UNSTABLE.encode(out);
            out.writeOpaque(filled(len));
        });
    }

    private static WriteArgs decodeWrite(byte[] wire, XdrLimits limits) {
        ByteBuf buf = Unpooled.wrappedBuffer(wire);
        try {
            return WriteArgs.decode(new XdrDecoder(buf, limits));
        } finally {
            buf.release();
        }
    }
}
