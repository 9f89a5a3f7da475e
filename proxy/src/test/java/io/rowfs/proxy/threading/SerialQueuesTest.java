package io.rowfs.proxy.threading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialQueuesTest {
    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void tasksOfOneKeyRunOneAtATimeInOrderAndDrainWaitsForThem() throws Exception {
        SerialQueues<String> queues = new SerialQueues<>(threads);
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlap = new AtomicInteger();
        for (int i = 0; i < 200; i++) {
            int n = i;
            queues.submit("dir", () -> {
                if (running.incrementAndGet() > 1) {
                    overlap.incrementAndGet();
                }
                Thread.onSpinWait();
                ran.add(n);
                running.decrementAndGet();
            });
        }
        queues.drain("dir");
        assertEquals(200, ran.size(), "drain returns only once everything queued has run");
        for (int i = 0; i < 200; i++) {
            assertEquals(i, ran.get(i));
        }
        assertEquals(0, overlap.get());
        assertKeys(0, queues); // an idle queue is dropped
    }

    @Test
    void drainMatchingWaitsOnlyForTheKeysItAccepts() throws Exception {
        SerialQueues<String> queues = new SerialQueues<>(threads);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger done = new AtomicInteger();
        queues.submit("d1/x", () -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        queues.submit("d2/y", done::incrementAndGet);
        queues.drainMatching(k -> k.startsWith("d2/"));
        assertEquals(1, done.get(), "d2's task ran while d1's still waits");
        assertKeys(1, queues);
        release.countDown();
        queues.drainMatching(k -> k.startsWith("d1/"));
        assertKeys(0, queues);
    }

    @Test
    void differentKeysRunInParallelAndDrainAllWaitsForEvery() throws Exception {
        SerialQueues<Integer> queues = new SerialQueues<>(threads);
        CountDownLatch bothStarted = new CountDownLatch(2);
        AtomicInteger done = new AtomicInteger();
        for (int key = 0; key < 2; key++) {
            queues.submit(key, () -> {
                bothStarted.countDown();
                try {
                    assertTrue(bothStarted.await(10, TimeUnit.SECONDS), "the other key's task runs meanwhile");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.incrementAndGet();
            });
        }
        queues.drainAll();
        assertEquals(2, done.get());
    }

    @Test
    void tasksDoNotWaitForQueuedTasksAndAFailingTaskDoesNotStopTheQueue() throws Exception {
        SerialQueues<String> queues = new SerialQueues<>(threads);
        AtomicInteger done = new AtomicInteger();
        CountDownLatch bothRunning = new CountDownLatch(2);
        for (String key : List.of("a", "b")) {
            queues.submit(key, () -> {
                bothRunning.countDown();
                try {
                    bothRunning.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                queues.drainAll(); // each would wait for the other (and itself) forever
                done.incrementAndGet();
            });
        }
        queues.drainAll();
        assertEquals(2, done.get());
        done.set(0);
        queues.submit("dir", () -> {
            queues.drain("dir"); // would wait for itself forever
            done.incrementAndGet();
        });
        queues.submit("dir", () -> {
            throw new IllegalStateException("a failing task (logged)");
        });
        queues.submit("dir", done::incrementAndGet);
        queues.drain("dir");
        assertEquals(2, done.get());
    }

    /** The queue table holds {@code expected} keys (an idle queue leaves it just after its last task). */
    private static void assertKeys(int expected, SerialQueues<?> queues) throws InterruptedException {
        for (int i = 0; i < 500 && queues.keys() != expected; i++) {
            Thread.sleep(10);
        }
        assertEquals(expected, queues.keys());
    }

    @Test
    void whenTheExecutorIsShutTheSubmitterRunsTheTask() {
        threads.shutdown();
        SerialQueues<String> queues = new SerialQueues<>(threads);
        List<String> ran = new ArrayList<>();
        queues.submit("dir", () -> ran.add(Thread.currentThread().getName()));
        assertEquals(List.of(Thread.currentThread().getName()), ran);
    }
}
