package io.rowfs.protocol.nfs3;

import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rowfs.protocol.nfs3.Nfs3MessageCases.Case;
import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrException;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Corrupted messages never escape as anything but XdrException (GARBAGE_ARGS) or NfsException
 * (an NFS status): no IndexOutOfBounds, no IllegalArgumentException from a record, no huge
 * allocation, and every buffer a successful decode took is released.
 */
class Nfs3FuzzTest {
    private static final int ROUNDS = 300;

    static java.util.List<Case> cases() {
        return Nfs3MessageCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void corruptedEncodingsFailCleanly(Case c) {
        Object original = c.make().get();
        byte[] wire;
        try {
            wire = Codec.bytes(c.writer(original));
        } finally {
            Case.release(original);
        }
        Random random = new Random(wire.length * 31L + c.name().hashCode());
        for (int round = 0; round < ROUNDS; round++) {
            byte[] bad = wire.clone();
            int flips = 1 + random.nextInt(4);
            for (int i = 0; i < flips && bad.length > 0; i++) {
                int at = random.nextInt(bad.length);
                bad[at] = random.nextInt(3) == 0 ? (byte) 0xff : (byte) random.nextInt(256);
            }
            decodeCleanly(c, bad);
        }
        for (int round = 0; round < ROUNDS / 3; round++) {
            byte[] noise = new byte[random.nextInt(256)];
            random.nextBytes(noise);
            decodeCleanly(c, noise);
        }
    }

    private static void decodeCleanly(Case c, byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            Object decoded = c.decoder().apply(new XdrDecoder(buf));
            Case.release(decoded);
        } catch (XdrException | NfsException expected) {
            // a clean refusal
        } catch (RuntimeException e) {
            fail(c + ": " + e + " decoding " + io.netty.buffer.ByteBufUtil.hexDump(bytes), e);
        } finally {
            buf.release();
        }
        if (bytes.length > 0 && buf.refCnt() != 0) { // the empty buffer is a shared singleton
            fail(c + ": a decoded buffer was not released");
        }
    }
}
