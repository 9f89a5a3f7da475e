package io.rowfs.proxy.queue;

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
    void tasksOfOneKeyRunOneAtATimeInOrderAndDrainWaitsForThem() {
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
        assertEquals(0, queues.keys(), "an idle queue is dropped");
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
    void aTaskMayDrainItsOwnKeyAndAFailingTaskDoesNotStopTheQueue() {
        SerialQueues<String> queues = new SerialQueues<>(threads);
        AtomicInteger done = new AtomicInteger();
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

    @Test
    void whenTheExecutorIsShutTheSubmitterRunsTheTask() {
        threads.shutdown();
        SerialQueues<String> queues = new SerialQueues<>(threads);
        List<String> ran = new ArrayList<>();
        queues.submit("dir", () -> ran.add(Thread.currentThread().getName()));
        assertEquals(List.of(Thread.currentThread().getName()), ran);
    }
}
