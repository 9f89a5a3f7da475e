package io.rowfs.proxy.row;

import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.proxy.threading.NonBlocking;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Regular files whose shadow CREATE is queued behind the reply ({@link NamesBehind}): what their
 * attributes will be, and their shadow handle once the CREATE has been made. An entry goes when
 * the handle is in the object's record (or the create failed). Thread-safe.
 */
final class PendingCreates {
    private final Map<Long, Pending> byId = new ConcurrentHashMap<>();

    private record Pending(Fattr3 predicted, CompletableFuture<FileHandle> made) {
    }

    void add(long id, Fattr3 predicted) {
        byId.put(id, new Pending(predicted, new CompletableFuture<>()));
    }

    /** The attributes the file will have, while its CREATE is not yet made; else null. */
    Fattr3 predicted(long id) {
        Pending p = byId.get(id);
        return p == null || p.made.isDone() ? null : p.predicted;
    }

    /**
     * The file's shadow handle, waiting for its CREATE if need be (on the fast path: WouldBlock);
     * null when nothing is pending for {@code id} (its record has the handle, or it is gone).
     */
    FileHandle await(long id) {
        Pending p = byId.get(id);
        if (p == null) {
            return null;
        }
        if (!p.made.isDone()) {
            NonBlocking.check();
        }
        try {
            return p.made.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NfsException(Nfs3Status.JUKEBOX, "interrupted waiting for a shadow CREATE");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof NfsException n ? n
                    : new NfsException(Nfs3Status.IO, "shadow CREATE failed: " + e.getCause());
        }
    }

    /** The CREATE was made and its handle recorded: waiters go on, the entry goes. */
    void made(long id, FileHandle fh) {
        Pending p = byId.remove(id);
        if (p != null) {
            p.made.complete(fh);
        }
    }

    /** The CREATE failed: waiters get {@code failure}, the entry goes. */
    void failed(long id, NfsException failure) {
        Pending p = byId.remove(id);
        if (p != null) {
            p.made.completeExceptionally(failure);
        }
    }
}
