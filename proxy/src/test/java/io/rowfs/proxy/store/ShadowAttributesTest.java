package io.rowfs.proxy.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.FileType;
import io.rowfs.protocol.nfs3.NfsTime3;
import io.rowfs.protocol.nfs3.PostOpAttr;
import io.rowfs.protocol.nfs3.PreOpAttr;
import io.rowfs.protocol.nfs3.SpecData3;
import io.rowfs.protocol.nfs3.WccData;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ShadowAttributesTest {
    private static final FileHandle A = FileHandle.of(new byte[] {1, 2, 3});
    private static final FileHandle B = FileHandle.of(new byte[] {4, 5, 6});

    private static Fattr3 attrs(long size, int ctimeSeconds, int ctimeNanos) {
        NfsTime3 c = new NfsTime3(ctimeSeconds, ctimeNanos);
        return new Fattr3(FileType.REG, 0644, 1, 0, 0, size, size, SpecData3.NONE, 1, 7, c, c, c);
    }

    @Test
    void keepsTheLatestAttributesByCtimeWhateverOrderRepliesArriveIn() {
        ShadowAttributes cache = new ShadowAttributes(100);
        cache.offer(A, attrs(10, 5, 0));
        cache.offer(A, attrs(20, 5, 500)); // later change
        cache.offer(A, attrs(15, 5, 100)); // a reply overtaken by the one above
        assertEquals(20, cache.get(A).size());
        cache.offer(A, attrs(30, 5, 500)); // same ctime: the later arrival wins
        assertEquals(30, cache.get(A).size());
    }

    @Test
    void aReplyWithoutPostOpAttributesMakesTheObjectUnknown() {
        ShadowAttributes cache = new ShadowAttributes(100);
        cache.offer(A, attrs(10, 1, 0));
        cache.offer(A, new WccData(PreOpAttr.ABSENT, PostOpAttr.ABSENT));
        assertNull(cache.get(A));
        cache.offer(B, attrs(1, 1, 0));
        cache.forget(B);
        assertNull(cache.get(B));
    }

    @Test
    void anExpectedChangeMovesTheTimesUntilTheShadowReportsIt() {
        ShadowAttributes cache = new ShadowAttributes(100);
        Instant now = Instant.ofEpochSecond(1_000, 500_000_000);
        cache.offer(A, attrs(4096, 900, 0));
        cache.expectChange(A, now);
        Fattr3 predicted = cache.get(A);
        assertEquals(4096, predicted.size(), "only the times move");
        Instant expected = now.minusNanos(ShadowAttributes.CLOCK_SLACK_NANOS);
        assertEquals(new NfsTime3((int) expected.getEpochSecond(), expected.getNano()), predicted.mtime());
        assertEquals(predicted.mtime(), predicted.ctime());

        cache.expectChange(A, now); // a second change within the slack still moves them
        assertEquals(predicted.ctime().nseconds() + 1, cache.get(A).ctime().nseconds());

        // the shadow's report, stamped by a clock a few milliseconds behind the proxy's, replaces it
        cache.offer(A, attrs(8192, 1_000, 496_000_000));
        assertEquals(8192, cache.get(A).size());

        cache.expectChange(B, now); // nothing known: nothing predicted
        assertNull(cache.get(B));
    }

    @Test
    void staysWithinItsCapacity() {
        ShadowAttributes cache = new ShadowAttributes(3);
        for (int i = 0; i < 10; i++) {
            cache.offer(FileHandle.of(new byte[] {(byte) i}), attrs(i, 1, 0));
            assertEquals(true, cache.size() <= 3, "size " + cache.size());
        }
        assertEquals(9, cache.get(FileHandle.of(new byte[] {9})).size());
    }
}
