package io.rowfs.proxy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.rowfs.protocol.nfs3.NfsContext;
import io.rowfs.testsupport.ManualClock;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReplyCacheTest {
    private static NfsContext ctx(int xid, int port) {
        return NfsContext.authSys(xid, new InetSocketAddress("10.0.2.15", port), "guest", 0, 0);
    }

    @Test
    void retransmissionGetsTheFirstAnswerEvenFromAnotherSourcePort() {
        ManualClock clock = new ManualClock();
        ReplyCache cache = new ReplyCache(clock, Duration.ofSeconds(120), 100);
        AtomicInteger executions = new AtomicInteger();
        CompletionStage<Integer> first = cache.run(ctx(7, 800), 12,
                () -> CompletableFuture.completedFuture(executions.incrementAndGet()));
        CompletionStage<Integer> again = cache.run(ctx(7, 801), 12,
                () -> CompletableFuture.completedFuture(executions.incrementAndGet()));
        assertEquals(1, again.toCompletableFuture().join());
        assertSame(first, again);
        // another xid, another procedure: executed
        assertEquals(2, cache.run(ctx(8, 800), 12, () -> CompletableFuture.completedFuture(executions.incrementAndGet()))
                .toCompletableFuture().join());
        assertEquals(3, cache.run(ctx(7, 800), 13, () -> CompletableFuture.completedFuture(executions.incrementAndGet()))
                .toCompletableFuture().join());
        // after the ttl the xid is executed again
        clock.advanceMillis(120_001);
        assertEquals(4, cache.run(ctx(7, 800), 12, () -> CompletableFuture.completedFuture(executions.incrementAndGet()))
                .toCompletableFuture().join());
    }

    @Test
    void inFlightDuplicateWaitsForTheFirstAndCapacityIsBounded() {
        ReplyCache cache = new ReplyCache(new ManualClock(), Duration.ofSeconds(120), 3);
        CompletableFuture<String> slow = new CompletableFuture<>();
        CompletionStage<String> a = cache.run(ctx(1, 1), 12, () -> slow);
        CompletionStage<String> b = cache.run(ctx(1, 1), 12, () -> CompletableFuture.completedFuture("second"));
        slow.complete("first");
        assertEquals("first", b.toCompletableFuture().join());
        assertEquals("first", a.toCompletableFuture().join());
        for (int i = 2; i < 10; i++) {
            cache.run(ctx(i, 1), 12, () -> CompletableFuture.completedFuture("x"));
        }
        assertEquals(3, cache.size());
    }

    @Test
    void failuresAreRepeatedToo() {
        ReplyCache cache = new ReplyCache(new ManualClock(), Duration.ofSeconds(120), 10);
        AtomicInteger executions = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            CompletionStage<String> r = cache.run(ctx(5, 1), 12, () -> {
                executions.incrementAndGet();
                throw new IllegalStateException("boom");
            });
            assertEquals(true, r.toCompletableFuture().isCompletedExceptionally());
        }
        assertEquals(1, executions.get());
    }

    @Test
    void callsWithoutAnAddressAreNotCached() {
        ReplyCache cache = new ReplyCache(new ManualClock(), Duration.ofSeconds(120), 10);
        AtomicInteger n = new AtomicInteger();
        NfsContext local = NfsContext.anonymous(3, null);
        cache.run(local, 12, () -> CompletableFuture.completedFuture(n.incrementAndGet()));
        cache.run(local, 12, () -> CompletableFuture.completedFuture(n.incrementAndGet()));
        assertEquals(2, n.get());
    }
}
