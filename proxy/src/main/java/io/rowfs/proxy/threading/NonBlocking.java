package io.rowfs.proxy.threading;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * The fast path: a procedure first runs on the Netty event loop that decoded it, marked
 * non-blocking. Anything that would wait there (a back-end call, a contended lock, a main-data
 * fetch) calls {@link #check} or {@link #lock} first, which throws {@link WouldBlock} instead of
 * waiting; the caller then re-runs the procedure on a worker thread. Only procedures without side
 * effects before their first wait may be attempted this way: the read-only ones, and those that
 * check everything they need first and then mark {@link #sideEffects} (CREATE and REMOVE made
 * behind the reply).
 */
public final class NonBlocking {
    private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> Boolean.FALSE);
    /** What the last attempt on this thread would have waited for, if it said (see {@link #checkOr}). */
    private static final ThreadLocal<CompletableFuture<?>> RESUME = new ThreadLocal<>();

    private NonBlocking() {
    }

    /** Runs {@code call} marked non-blocking; throws {@link WouldBlock} if it had to wait. */
    public static <T> T attempt(Supplier<T> call) {
        RESUME.remove();
        ACTIVE.set(Boolean.TRUE);
        try {
            return call.get();
        } finally {
            ACTIVE.set(Boolean.FALSE);
        }
    }

    /** Whether the current thread runs a non-blocking attempt. */
    public static boolean active() {
        return ACTIVE.get();
    }

    /**
     * Marks the point of no return of a procedure attempted on the fast path: it is about to change
     * state, so it must not be re-run. Whatever it still needs (normally all known by now) it waits
     * for right here, however rare that is, instead of moving to a worker.
     */
    public static void sideEffects() {
        ACTIVE.set(Boolean.FALSE);
    }

    /** Throws {@link WouldBlock} when the current thread must not wait. */
    public static void check() {
        if (ACTIVE.get()) {
            throw WouldBlock.INSTANCE;
        }
    }

    /**
     * As {@link #check}, naming what the caller would wait for: a caller that catches the
     * {@link WouldBlock} may, instead of moving to a worker, attempt again once {@code pending}
     * completes ({@link #resumeAfter}), so that no thread waits at all.
     */
    public static void checkOr(CompletableFuture<?> pending) {
        if (ACTIVE.get()) {
            RESUME.set(pending);
            throw WouldBlock.INSTANCE;
        }
    }

    /**
     * After an attempt on this thread threw {@link WouldBlock}: what it would have waited for, or
     * null when it did not say (then only a worker can go on). Clears it.
     */
    public static CompletableFuture<?> resumeAfter() {
        CompletableFuture<?> f = RESUME.get();
        RESUME.remove();
        return f;
    }

    /** Takes {@code lock}: waits on a worker, only tries on the fast path. */
    public static void lock(Lock lock) {
        if (!ACTIVE.get()) {
            lock.lock();
        } else if (!lock.tryLock()) {
            throw WouldBlock.INSTANCE;
        }
    }

    /** Thrown on the fast path where a worker would wait; carries no stack trace (it is control flow). */
    public static final class WouldBlock extends RuntimeException {
        static final WouldBlock INSTANCE = new WouldBlock();

        private WouldBlock() {
            super("would block on the event loop", null, false, false);
        }
    }
}
