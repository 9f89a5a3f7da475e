package io.rowfs.shadow.fs;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs blocking file-system work off the network event loops on a fixed number of single-thread
 * stripes (sized for the disk, not for the number of clients). Work with the same key (an inode
 * number) always runs on the same stripe, in submission order: WRITEs, COMMITs and SETATTRs of one
 * file are never reordered, and work on different files spreads over the stripes (the idea of
 * BookKeeper's OrderedExecutor).
 */
public final class IoExecutor implements AutoCloseable {
    private final ExecutorService[] stripes;

    /** A unit of blocking work. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws Exception;
    }

    public IoExecutor(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        stripes = new ExecutorService[threads];
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "shadow-io-" + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
        for (int i = 0; i < threads; i++) {
            stripes[i] = Executors.newSingleThreadExecutor(tf);
        }
    }

    /** Runs {@code work} on the stripe of {@code key}; the stage completes with its result or exception. */
    public <T> CompletionStage<T> submit(long key, Work<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        stripes[stripe(key, stripes.length)].execute(() -> {
            try {
                f.complete(work.run());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    static int stripe(long key, int n) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) Long.remainderUnsigned(h ^ (h >>> 32), n);
    }

    @Override
    public void close() {
        for (ExecutorService s : stripes) {
            s.shutdown();
        }
        for (ExecutorService s : stripes) {
            try {
                s.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
