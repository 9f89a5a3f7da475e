package io.rowfs.boot.tftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The poll-or-sleep choice from placements and round trips. */
class BusyPollPolicyTest {
    private static final long BUDGET = 100_000;

    /** Runs one epoch of ACKs with round trip {@code rtt}, then reports the placement; returns ACKs polled after. */
    private static int epoch(BusyPollPolicy policy, long rtt, boolean otherCpu) {
        int polled = 0;
        for (int i = 0; i < BusyPollPolicy.EPOCH_BLOCKS; i++) {
            assertFalse(policy.epochEnded());
            long poll = policy.onAck(rtt);
            assertEquals(policy.polling() ? BUDGET : 0, poll);
            polled += poll > 0 ? 1 : 0;
        }
        assertTrue(policy.epochEnded());
        policy.placement(otherCpu);
        return polled;
    }

    @Test
    void zeroBudgetNeverPolls() {
        BusyPollPolicy policy = new BusyPollPolicy(0);
        policy.placement(true);
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, policy.onAck(20_000));
            assertFalse(policy.epochEnded());
        }
        assertEquals(0, policy.polledAcks());
    }

    @Test
    void pollsOnlyWhileAcksArriveOnAnotherCpu() {
        BusyPollPolicy policy = new BusyPollPolicy(BUDGET);
        assertEquals(0, epoch(policy, 20_000, true), "sleeps until the first placement says otherwise");
        assertEquals(BusyPollPolicy.EPOCH_BLOCKS, epoch(policy, 30_000, true));
        assertEquals(BusyPollPolicy.EPOCH_BLOCKS, epoch(policy, 30_000, false));
        assertEquals(0, epoch(policy, 18_000, false), "client and server share a CPU: sleep");
        assertEquals(0, epoch(policy, 18_000, true));
        assertEquals(BusyPollPolicy.EPOCH_BLOCKS, epoch(policy, 30_000, true));
        assertEquals(3L * BusyPollPolicy.EPOCH_BLOCKS, policy.polledAcks());
    }

    @Test
    void backsOffWhenPollingDoesNotPay() {
        BusyPollPolicy policy = new BusyPollPolicy(BUDGET);
        epoch(policy, 20_000, true);
        // a slow network: every ACK comes after the budget, polling is in vain
        int[] polled = new int[12];
        for (int i = 0; i < polled.length; i++) {
            polled[i] = epoch(policy, 500_000, true);
        }
        // polls, backs off 1 epoch, polls, 2, polls, 4 ...
        assertEquals(BusyPollPolicy.EPOCH_BLOCKS, polled[0]);
        assertEquals(0, polled[1]);
        assertEquals(BusyPollPolicy.EPOCH_BLOCKS, polled[2]);
        assertEquals(0, polled[3] + polled[4]);
        assertEquals(BusyPollPolicy.EPOCH_BLOCKS, polled[5]);
        assertEquals(0, polled[6] + polled[7] + polled[8] + polled[9]);
        assertEquals(BusyPollPolicy.EPOCH_BLOCKS, polled[10]);
        // the network got fast again: after the back-off, polling catches the ACKs and stays on
        int later = 0;
        for (int i = 0; i < 20; i++) {
            later += epoch(policy, 20_000, true);
        }
        assertTrue(later >= 11 * BusyPollPolicy.EPOCH_BLOCKS, "polled for only " + later + " ACKs");
    }
}
