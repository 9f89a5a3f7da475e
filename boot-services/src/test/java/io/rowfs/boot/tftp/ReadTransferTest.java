package io.rowfs.boot.tftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.boot.tftp.ReadTransfer.Burst;
import org.junit.jupiter.api.Test;

class ReadTransferTest {
    @Test
    void blockCountAtTheEdges() {
        assertEquals(1, ReadTransfer.blockCount(0, 512));
        assertEquals(1, ReadTransfer.blockCount(1, 512));
        assertEquals(1, ReadTransfer.blockCount(511, 512));
        assertEquals(2, ReadTransfer.blockCount(512, 512));
        assertEquals(2, ReadTransfer.blockCount(513, 512));
        assertEquals(65537, ReadTransfer.blockCount(65536L * 512, 512));
        assertEquals(0, ReadTransfer.offset(1, 512));
        assertEquals(512, ReadTransfer.offset(2, 512));
    }

    @Test
    void lockStepWithoutOptions() {
        ReadTransfer t = new ReadTransfer(1000, 512, 1, false, 3);
        assertEquals(new Burst(false, 1, 1), t.start());
        assertEquals(new Burst(false, 2, 2), t.onAck(1));
        assertFalse(t.done());
        assertTrue(t.onAck(2).isEmpty());
        assertTrue(t.done());
    }

    @Test
    void oackIsAcknowledgedWithBlockZero() {
        ReadTransfer t = new ReadTransfer(100, 512, 1, true, 3);
        assertTrue(t.start().oack());
        assertTrue(t.onAck(5).isEmpty());
        assertEquals(new Burst(true, 1, 0), t.onTimeout());
        assertEquals(new Burst(false, 1, 1), t.onAck(0));
        t.onAck(1);
        assertTrue(t.done());
    }

    @Test
    void duplicateAckNeverResends() {
        ReadTransfer t = new ReadTransfer(5000, 512, 1, false, 3);
        t.start();
        assertEquals(new Burst(false, 2, 2), t.onAck(1));
        assertTrue(t.onAck(1).isEmpty(), "duplicate ACK 1 must not resend block 2");
        assertTrue(t.onAck(0).isEmpty(), "stale ACK must not resend");
        assertEquals(new Burst(false, 3, 3), t.onAck(2));
    }

    @Test
    void timeoutResendsWithALimit() {
        ReadTransfer t = new ReadTransfer(5000, 512, 4, false, 2);
        assertEquals(new Burst(false, 1, 4), t.start());
        assertEquals(new Burst(false, 1, 4), t.onTimeout());
        assertEquals(1, t.retries());
        assertEquals(new Burst(false, 1, 4), t.onTimeout());
        assertNull(t.onTimeout(), "third timeout exceeds the limit of 2");
    }

    @Test
    void progressResetsRetries() {
        ReadTransfer t = new ReadTransfer(5000, 512, 1, false, 2);
        t.start();
        t.onTimeout();
        t.onTimeout();
        t.onAck(1);
        assertEquals(0, t.retries());
    }

    @Test
    void windowAdvancesAndPartialAckResendsFromTheGap() {
        ReadTransfer t = new ReadTransfer(10 * 512, 512, 4, false, 3);
        assertEquals(new Burst(false, 1, 4), t.start());
        assertEquals(new Burst(false, 5, 8), t.onAck(4));
        assertEquals(new Burst(false, 7, 10), t.onAck(6), "ACK 6 reports 7 lost: resend from 7");
        assertEquals(new Burst(false, 11, 11), t.onAck(10));
        assertTrue(t.onAck(11).isEmpty());
        assertTrue(t.done());
    }

    @Test
    void blockNumbersRollOverPast65535() {
        long size = 70000L * 8;
        ReadTransfer t = new ReadTransfer(size, 8, 1, false, 3);
        t.start();
        for (long b = 1; b < 65535; b++) {
            t.onAck(TftpPackets.wireBlock(b));
        }
        assertEquals(new Burst(false, 65536, 65536), t.onAck(65535));
        assertEquals(0, TftpPackets.wireBlock(65536));
        assertEquals(new Burst(false, 65537, 65537), t.onAck(0), "ACK 0 after the wrap acks block 65536");
        assertTrue(t.onAck(65535).isEmpty(), "an old ACK 65535 is a duplicate now");
        for (long b = 65537; b <= t.lastBlock(); b++) {
            t.onAck(TftpPackets.wireBlock(b));
        }
        assertTrue(t.done());
    }

    @Test
    void windowStraddlingTheWrap() {
        ReadTransfer t = new ReadTransfer(70000L * 8, 8, 64, false, 3);
        t.start();
        long acked = 0;
        while (acked + 64 < 65500) {
            acked += 64;
            t.onAck(TftpPackets.wireBlock(acked));
        }
        Burst b = t.onAck(TftpPackets.wireBlock(acked + 64));
        assertEquals(acked + 65, b.first());
        assertTrue(b.last() > 65536, "window crosses the wrap");
        assertEquals(new Burst(false, b.last() + 1, b.last() + 64), t.onAck(TftpPackets.wireBlock(b.last())));
    }
}
