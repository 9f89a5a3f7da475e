package io.rowfs.proxy.row;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class WriteBehindTest {
    private final ExecutorService writers = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        writers.shutdownNow();
    }

    private static ByteBuf bytes(int n) {
        return Unpooled.buffer(n).writeZero(n);
    }

    @Test
    void oneFilesWritesLandInArrivalOrderAndDrainWaitsForThem() {
        AtomicInteger failures = new AtomicInteger();
        WriteBehind wb = new WriteBehind(writers, 1 << 20, failures::incrementAndGet);
        List<Integer> landed = new CopyOnWriteArrayList<>();
        List<ByteBuf> sent = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = i;
            ByteBuf data = bytes(100);
            sent.add(data);
            wb.submit(7, data, d -> {
                if (n % 50 == 0) {
                    sleep(5);
                }
                landed.add(n);
            });
        }
        wb.drain(7);
        assertEquals(200, landed.size(), "drain returns after every queued write");
        for (int i = 0; i < 200; i++) {
            assertEquals(i, landed.get(i));
        }
        sent.forEach(b -> assertEquals(0, b.refCnt(), "each buffer released once"));
        assertEquals(0, wb.queuedBytes());
        assertEquals(0, failures.get());
        waitUntil(() -> wb.files() == 0, "an idle file's queue is dropped");
    }

    @Test
    void aFailedWriteReportsLostDataAndReleasesItsBuffer() {
        AtomicInteger failures = new AtomicInteger();
        WriteBehind wb = new WriteBehind(writers, 1 << 20, failures::incrementAndGet);
        ByteBuf data = bytes(10);
        wb.submit(1, data, d -> {
            throw new IllegalStateException("shadow WRITE failed");
        });
        wb.drain(1);
        assertEquals(1, failures.get());
        assertEquals(0, data.refCnt());
    }

    @Test
    void aFullQueueMakesTheWriterWait() throws Exception {
        WriteBehind wb = new WriteBehind(writers, 1000, () -> { });
        CountDownLatch release = new CountDownLatch(1);
        wb.submit(1, bytes(800), d -> await(release));
        Thread second = new Thread(() -> wb.submit(2, bytes(800), d -> { }));
        second.start();
        second.join(300);
        assertTrue(second.isAlive(), "800 + 800 bytes exceed the bound: the second WRITE waits");
        release.countDown();
        second.join(5000);
        assertTrue(!second.isAlive());
        wb.drain(1);
        wb.drain(2);
        assertEquals(0, wb.queuedBytes());
    }

    @Test
    void afterShutdownWritesRunOnTheCaller() {
        writers.shutdown();
        WriteBehind wb = new WriteBehind(writers, 1 << 20, () -> { });
        List<String> ran = new CopyOnWriteArrayList<>();
        wb.submit(3, bytes(1), d -> ran.add(Thread.currentThread().getName()));
        assertEquals(List.of(Thread.currentThread().getName()), ran);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch l) {
        try {
            l.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier c, String what) {
        for (int i = 0; i < 200 && !c.getAsBoolean(); i++) {
            sleep(10);
        }
        assertTrue(c.getAsBoolean(), what);
    }
}
