package io.rowfs.proxy.threading;

import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** Waits for a back-end call on a proxy worker thread (never on an event loop). */
public final class Await {
    private Await() {
    }

    /**
     * Makes a back-end call and waits for its answer. On the event loop's fast path nothing is sent:
     * {@link NonBlocking.WouldBlock} moves the procedure to a worker first.
     */
    public static <T> T get(Supplier<CompletableFuture<T>> send, Duration timeout, String what) {
        NonBlocking.check();
        CompletableFuture<T> call = send.get();
        try {
            return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException(what + ": interrupted", e);
        } catch (TimeoutException e) {
            call.cancel(false);
            throw new BackendException(what + ": no answer within " + timeout, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NfsException n) {
                throw n;
            }
            throw new BackendException(what + ": " + e.getCause(), e.getCause());
        }
    }

    /** Throws the back end's failure status as an {@link NfsException}. */
    public static void check(Nfs3Status status, String what) {
        if (!status.isOk()) {
            throw new NfsException(status, what + ": " + status);
        }
    }
}
