package io.rowfs.proxy.server;

import io.rowfs.protocol.nfs3.NfsContext;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Duplicate-request cache for non-idempotent procedures (CREATE, MKDIR, SYMLINK, MKNOD, REMOVE,
 * RMDIR, RENAME, LINK): a client that retransmits after a timeout or a reconnect (its source port
 * may change, so the key is the client's IP address, the xid and the procedure) gets the answer of
 * the first execution instead of, say, NOENT for a REMOVE that already happened. Entries live for
 * {@code ttl} and at most {@code capacity} are kept (least recently used dropped). In memory only:
 * a proxy restart forgets it, as knfsd's does. Thread-safe (guarded by {@code this}).
 */
final class ReplyCache {
    private final Clock clock;
    private final Duration ttl;
    private final int capacity;
    private final Map<Key, Entry> entries; // guarded by this

    ReplyCache(Clock clock, Duration ttl, int capacity) {
        this.clock = clock;
        this.ttl = ttl;
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > ReplyCache.this.capacity;
            }
        };
    }

    /** Runs {@code call} once per (client, xid, procedure) within the ttl; repeats share its answer. */
    @SuppressWarnings("unchecked")
    <R> CompletionStage<R> run(NfsContext ctx, int procedure, Supplier<CompletionStage<R>> call) {
        if (ctx.remote() == null || ctx.remote().getAddress() == null) {
            return call.get();
        }
        Key key = new Key(ctx.remote().getAddress(), ctx.xid(), procedure);
        CompletableFuture<R> mine = new CompletableFuture<>();
        synchronized (this) {
            Entry e = entries.get(key);
            if (e != null && clock.millis() - e.createdMillis() <= ttl.toMillis()) {
                return (CompletionStage<R>) e.reply();
            }
            entries.put(key, new Entry(clock.millis(), mine));
        }
        try {
            call.get().whenComplete((r, t) -> {
                if (t != null) {
                    mine.completeExceptionally(t);
                } else {
                    mine.complete(r);
                }
            });
        } catch (RuntimeException t) {
            mine.completeExceptionally(t);
        }
        return mine;
    }

    synchronized int size() {
        return entries.size();
    }

    private record Key(InetAddress client, int xid, int procedure) {
    }

    private record Entry(long createdMillis, CompletableFuture<?> reply) {
    }
}
