package io.rowfs.protocol.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import io.rowfs.protocol.xdr.XdrException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class RpcHeaderTest {

    private static <T> T roundTrip(Consumer<XdrEncoder> write, Function<XdrDecoder, T> read) {
        ByteBuf buf = Unpooled.buffer();
        try {
            write.accept(new XdrEncoder(buf));
            XdrDecoder in = new XdrDecoder(buf);
            T value = read.apply(in);
            assertEquals(0, in.remaining(), "bytes left after decoding");
            return value;
        } finally {
            buf.release();
        }
    }

    @Test
    void callHeaderRoundTripsWithAuthSys() {
        AuthSys cred = new AuthSys(7, "client", 1000, 100, 4, 24, 27);
        RpcCallHeader h = RpcCallHeader.of(0xDEADBEEF, 100003, 3, 6, cred);
        RpcCallHeader back = roundTrip(h::encode, RpcCallHeader::decode);
        assertEquals(h, back);
        assertEquals(cred, Credentials.fromOpaqueAuth(back.credential()));
    }

    @Test
    void callHeaderWithOtherRpcVersionStopsAfterVersion() {
        RpcCallHeader v3 = new RpcCallHeader(5, 3, 1, 1, 1, OpaqueAuth.NONE, OpaqueAuth.NONE);
        ByteBuf buf = Unpooled.buffer();
        try {
            v3.encode(new XdrEncoder(buf));
            RpcCallHeader back = RpcCallHeader.decode(new XdrDecoder(buf));
            assertEquals(3, back.rpcVersion());
            assertNull(back.credential());
        } finally {
            buf.release();
        }
    }

    @Test
    void replyIsNotACall() {
        RpcReplyHeader r = RpcReplyHeader.accepted(1, ReplyStatus.SUCCESS);
        assertThrows(XdrException.class, () -> roundTrip(r::encode, RpcCallHeader::decode));
    }

    @ParameterizedTest
    @EnumSource(ReplyStatus.class)
    void everyReplyStateRoundTrips(ReplyStatus status) {
        RpcReplyHeader h = switch (status) {
            case PROG_MISMATCH -> RpcReplyHeader.progMismatch(9, 2, 4);
            case RPC_MISMATCH -> RpcReplyHeader.rpcMismatch(9, 2, 2);
            case AUTH_ERROR -> RpcReplyHeader.authError(9, AuthStat.AUTH_TOOWEAK);
            default -> RpcReplyHeader.accepted(9, status);
        };
        RpcReplyHeader back = roundTrip(h::encode, RpcReplyHeader::decode);
        assertEquals(h, back);
        assertEquals(status, back.status());
    }

    @ParameterizedTest
    @EnumSource(AuthStat.class)
    void everyAuthStatRoundTrips(AuthStat why) {
        RpcReplyHeader h = RpcReplyHeader.authError(1, why);
        assertSame(why, roundTrip(h::encode, RpcReplyHeader::decode).authStat());
    }

    @Test
    void unknownAcceptStatIsGarbage() {
        XdrException e = assertThrows(XdrException.class, () -> roundTrip(
                out -> out.writeInt(1).writeInt(1).writeInt(0).writeInt(0).writeInt(0).writeInt(6),
                RpcReplyHeader::decode));
        assertTrue(e.getMessage().contains("accept_stat"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 16})
    void authSysWithUpTo16GidsRoundTrips(int n) {
        int[] gids = new int[n];
        for (int i = 0; i < n; i++) gids[i] = 1000 + i;
        AuthSys cred = new AuthSys(1, "h", -2, -2, gids);
        AuthSys back = (AuthSys) Credentials.fromOpaqueAuth(cred.toOpaqueAuth());
        assertEquals(cred, back);
        assertArrayEquals(gids, back.gids());
        assertEquals(4294967294L, Integer.toUnsignedLong(back.uid()));
    }

    @Test
    void authSysWith17GidsIsBadCred() {
        assertThrows(IllegalArgumentException.class, () -> new AuthSys(1, "h", 0, 0, new int[17]));
        OpaqueAuth raw = authSysBody("h", 17);
        RpcAuthException e = assertThrows(RpcAuthException.class, () -> Credentials.fromOpaqueAuth(raw));
        assertEquals(AuthStat.AUTH_BADCRED, e.stat());
        assertTrue(e.getMessage().contains("17"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 255})
    void machineNameUpTo255BytesIsAccepted(int len) {
        AuthSys back = (AuthSys) Credentials.fromOpaqueAuth(authSysBody("m".repeat(len), 0));
        assertEquals(len, back.machineName().length());
    }

    @Test
    void machineNameOf256BytesIsBadCred() {
        assertThrows(IllegalArgumentException.class, () -> new AuthSys(1, "m".repeat(256), 0, 0));
        RpcAuthException e = assertThrows(RpcAuthException.class,
                () -> Credentials.fromOpaqueAuth(authSysBody("m".repeat(256), 0)));
        assertEquals(AuthStat.AUTH_BADCRED, e.stat());
    }

    @Test
    void truncatedOrPaddedAuthSysIsBadCred() {
        byte[] body = new AuthSys(1, "host", 1, 1, 1, 2).toOpaqueAuth().body();
        byte[] shorter = java.util.Arrays.copyOf(body, body.length - 4);
        byte[] longer = java.util.Arrays.copyOf(body, body.length + 4);
        for (byte[] b : new byte[][] {shorter, longer, new byte[0]}) {
            RpcAuthException e = assertThrows(RpcAuthException.class,
                    () -> Credentials.fromOpaqueAuth(new OpaqueAuth(AuthFlavor.AUTH_SYS, b)));
            assertEquals(AuthStat.AUTH_BADCRED, e.stat());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {AuthFlavor.AUTH_SHORT, AuthFlavor.AUTH_DH, AuthFlavor.RPCSEC_GSS, 12345})
    void unsupportedFlavorsAreBadCred(int flavor) {
        RpcAuthException e = assertThrows(RpcAuthException.class,
                () -> Credentials.fromOpaqueAuth(new OpaqueAuth(flavor, new byte[8])));
        assertEquals(AuthStat.AUTH_BADCRED, e.stat());
    }

    @Test
    void authNoneIsTheEmptyNoneCredential() {
        assertSame(AuthNone.INSTANCE, Credentials.fromOpaqueAuth(OpaqueAuth.NONE));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 399, 400})
    void verifierUpTo400BytesRoundTrips(int len) {
        OpaqueAuth v = new OpaqueAuth(AuthFlavor.AUTH_NONE, new byte[len]);
        assertEquals(v, roundTrip(v::encode, OpaqueAuth::decode));
    }

    @Test
    void verifierOf401BytesIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new OpaqueAuth(0, new byte[401]));
        XdrException e = assertThrows(XdrException.class, () -> roundTrip(
                out -> out.writeInt(0).writeOpaque(new byte[401]), OpaqueAuth::decode));
        assertTrue(e.getMessage().contains("401"), e.getMessage());
    }

    /** An AUTH_SYS body written by hand, so that it may break the limits. */
    private static OpaqueAuth authSysBody(String machine, int gids) {
        ByteBuf buf = Unpooled.buffer();
        try {
            XdrEncoder out = new XdrEncoder(buf);
            out.writeInt(1).writeString(machine).writeInt(0).writeInt(0).writeInt(gids);
            for (int i = 0; i < gids; i++) out.writeInt(i);
            byte[] body = new byte[buf.readableBytes()];
            buf.readBytes(body);
            return new OpaqueAuth(AuthFlavor.AUTH_SYS, body);
        } finally {
            buf.release();
        }
    }
}
