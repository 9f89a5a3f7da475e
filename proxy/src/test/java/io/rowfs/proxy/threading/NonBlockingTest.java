package io.rowfs.proxy.threading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class NonBlockingTest {
    @Test
    void aBackEndCallOnTheFastPathIsRefusedBeforeAnythingIsSent() {
        AtomicInteger sent = new AtomicInteger();
        assertThrows(NonBlocking.WouldBlock.class, () -> NonBlocking.attempt(() ->
                Await.get(() -> {
                    sent.incrementAndGet();
                    return CompletableFuture.completedFuture("answer");
                }, Duration.ofSeconds(1), "test call")));
        assertEquals(0, sent.get());
        assertFalse(NonBlocking.active(), "the mark is cleared after an attempt");
        assertEquals("answer", Await.get(() -> CompletableFuture.completedFuture("answer"), Duration.ofSeconds(1), "test"));
    }

    @Test
    void aContendedLockIsRefusedOnTheFastPathAndTakenOtherwise() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        Thread holder = new Thread(lock::lock);
        holder.start();
        holder.join();
        assertThrows(NonBlocking.WouldBlock.class, () -> NonBlocking.attempt(() -> {
            NonBlocking.lock(lock);
            return null;
        }));
        ReentrantLock free = new ReentrantLock();
        NonBlocking.attempt(() -> {
            NonBlocking.lock(free);
            free.unlock();
            return null;
        });
    }

    @Test
    void aRefusalMayNameWhatToResumeAfterAndANewAttemptForgetsIt() {
        CompletableFuture<Void> pending = new CompletableFuture<>();
        assertThrows(NonBlocking.WouldBlock.class, () -> NonBlocking.attempt(() -> {
            NonBlocking.checkOr(pending);
            return null;
        }));
        assertSame(pending, NonBlocking.resumeAfter());
        assertNull(NonBlocking.resumeAfter(), "taken once");
        assertThrows(NonBlocking.WouldBlock.class, () -> NonBlocking.attempt(() -> {
            NonBlocking.checkOr(pending);
            return null;
        }));
        assertThrows(NonBlocking.WouldBlock.class, () -> NonBlocking.attempt(() -> {
            NonBlocking.check();
            return null;
        }));
        assertNull(NonBlocking.resumeAfter(), "a plain refusal names nothing, even after a named one");
        NonBlocking.checkOr(pending); // off the fast path: returns, the caller waits itself
        assertNull(NonBlocking.resumeAfter());
    }
}
