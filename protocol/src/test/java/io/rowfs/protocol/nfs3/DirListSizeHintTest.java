package io.rowfs.protocol.nfs3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rowfs.protocol.xdr.XdrEncoder;
import org.junit.jupiter.api.Test;

/** READDIR and READDIRPLUS results know their encoded size in advance (the reply buffer is sized by it). */
class DirListSizeHintTest {
    @Test
    void theHintIsTheEncodedSizeOfTheResult() {
        for (int n : new int[] {0, 1, 7, 200}) {
            ReaddirplusResult plus = ReaddirplusResult.ok(PostOpAttr.of(Nfs3Samples.fattr(FileType.DIR, 1)),
                    Verifier.ZERO, Nfs3Samples.entriesPlus(n), true);
            assertEquals(encodedSize(plus), plus.encodedSizeHint(), n + " READDIRPLUS entries");
            ReaddirResult plain = ReaddirResult.ok(PostOpAttr.ABSENT, Verifier.ZERO, Nfs3Samples.entries(n), false);
            assertEquals(encodedSize(plain), plain.encodedSizeHint(), n + " READDIR entries");
        }
        assertEquals(0, GetattrResult.ok(Nfs3Samples.fattr(FileType.REG, 2)).encodedSizeHint(), "small results: no hint");
        assertTrue(ReaddirplusResult.fail(Nfs3Status.STALE, PostOpAttr.ABSENT).encodedSizeHint() > 0);
    }

    private static int encodedSize(Nfs3Result r) {
        ByteBuf buf = Unpooled.buffer();
        try {
            r.encode(new XdrEncoder(buf));
            return buf.readableBytes();
        } finally {
            buf.release();
        }
    }
}
