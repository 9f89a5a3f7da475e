package io.rowfs.boot.tftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

/** The poll-or-sleep choice against simulated round trips whose cost depends on the choice. */
class BusyPollPolicyTest {
    private static final long BUDGET = 100_000;

    /** Round-trip costs in ns for sleeping and polling, possibly depending on the block number. */
    interface Costs {
        long of(long block, boolean polling);
    }

    /** Runs {@code blocks} ACKs and returns how many of them were followed by polling. */
    private static long run(BusyPollPolicy policy, long blocks, Costs costs) {
        long now = 1_000_000_000L;
        long polled = 0;
        for (long b = 0; b < blocks; b++) {
            boolean polling = policy.onAck(now) > 0;
            assertEquals(polling, policy.polling());
            if (polling) {
                polled++;
            }
            now += costs.of(b, polling);
        }
        return polled;
    }

    @Test
    void zeroBudgetNeverPolls() {
        BusyPollPolicy policy = new BusyPollPolicy(0);
        assertEquals(0, run(policy, 100_000, (b, p) -> p ? 1_000 : 50_000));
        assertEquals(-1, policy.pollCost());
    }

    @Test
    void pollsWhenThatIsFaster() {
        BusyPollPolicy policy = new BusyPollPolicy(BUDGET);
        long polled = run(policy, 100_000, (b, p) -> p ? 20_000 : 50_000);
        assertTrue(polled > 90_000, "polled after " + polled + " of 100000 ACKs");
        assertEquals(polled, policy.polledAcks());
        assertEquals(20_000, policy.pollCost());
        assertEquals(50_000, policy.sleepCost());
    }

    @Test
    void sleepsWhenPollingIsSlowerAndProbesLessAndLess() {
        BusyPollPolicy policy = new BusyPollPolicy(BUDGET);
        long polled = run(policy, 100_000, (b, p) -> p ? 30_000 : 18_000);
        // probes of 64 blocks, the gaps between them doubling up to 64 epochs of 256 blocks
        assertTrue(polled < 1_000, "polled after " + polled + " of 100000 ACKs");
        assertTrue(polled >= BusyPollPolicy.PROBE_BLOCKS, "never tried polling");
    }

    @Test
    void aProbeThatLosesBadlyEndsEarly() {
        BusyPollPolicy policy = new BusyPollPolicy(BUDGET);
        long polled = run(policy, 100_000, (b, p) -> p ? 100_000 : 18_000);
        assertTrue(polled < 200, "polled after " + polled + " of 100000 ACKs");
        assertTrue(polled >= BusyPollPolicy.PROBE_BLOCKS / 4, "never tried polling");
    }

    @Test
    void followsAChangeInEitherDirection() {
        BusyPollPolicy policy = new BusyPollPolicy(BUDGET);
        LongPredicate pollFaster = b -> b < 50_000 || b >= 100_000; // then sleeping is faster for a while
        Costs costs = (b, p) -> pollFaster.test(b) == p ? 20_000 : 60_000;
        run(policy, 50_000, costs);
        assertTrue(policy.polling() || policy.pollCost() < policy.sleepCost());
        long polledWhileSleepFaster = run(policy, 50_000, (b, p) -> costs.of(b + 50_000, p));
        assertTrue(polledWhileSleepFaster < 5_000, "kept polling for " + polledWhileSleepFaster + " ACKs");
        long polledAfter = run(policy, 50_000, (b, p) -> costs.of(b + 100_000, p));
        assertTrue(polledAfter > 30_000, "polled after only " + polledAfter + " of 50000 ACKs");
    }
}
