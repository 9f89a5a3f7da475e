package io.rowfs.protocol.client;

import io.rowfs.protocol.rpc.Credentials;
import io.rowfs.protocol.rpc.XdrReader;
import io.rowfs.protocol.rpc.XdrWriter;
import io.rowfs.protocol.xdr.XdrException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Calls made on the calling thread, each thread over its own blocking connection to the server
 * (opened on first use, re-opened after a failure). For threads that would only wait for an
 * asynchronous reply anyway, this saves the hand-off to an event loop and back on every call. The
 * returned future is already complete. Must not be used on an event loop.
 *
 * <p>Timeouts: a watchdog closes a connection whose call has run longer than the timeout; the call
 * fails with {@link RpcTimeoutException} and the thread's next call opens a new connection.
 * Thread-safe.
 */
public final class ThreadConnections implements RpcCaller, AutoCloseable {
    private final InetSocketAddress server;
    private final Duration timeout;
    private final int maxRecord;
    private final boolean privilegedPort;
    private final AtomicInteger nextXid = new AtomicInteger(new SecureRandom().nextInt());
    private final ThreadLocal<BlockingRpcConnection> mine = new ThreadLocal<>();
    private final Set<BlockingRpcConnection> open = ConcurrentHashMap.newKeySet();
    private final Set<BlockingRpcConnection> timedOut = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog;
    private volatile boolean closed;

    public ThreadConnections(InetSocketAddress server, Duration timeout, int maxRecord) {
        this(server, timeout, maxRecord, false);
    }

    /** As above; with {@code privilegedPort} each connection comes from a source port below 1024. */
    public ThreadConnections(InetSocketAddress server, Duration timeout, int maxRecord, boolean privilegedPort) {
        this.privilegedPort = privilegedPort;
        this.server = server;
        this.timeout = timeout;
        this.maxRecord = maxRecord;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rpc-call-watchdog " + server);
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(10, Math.min(1000, timeout.toMillis() / 4));
        watchdog.scheduleWithFixedDelay(this::closeOverdue, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public <T> CompletableFuture<T> call(int program, int version, int procedure, Credentials cred, XdrWriter args,
                                         XdrReader<T> results) {
        String what = "call " + program + " v" + version + " proc " + procedure;
        try {
            BlockingRpcConnection c = connection(what);
            RpcReply reply;
            try {
                reply = c.call(nextXid.getAndIncrement(), program, version, procedure, cred, args);
            } catch (IOException | XdrException e) {
                drop(c);
                if (timedOut.remove(c)) {
                    throw new RpcTimeoutException(what + ": no reply from " + server + " within " + timeout);
                }
                throw new ConnectionLostException(what + " to " + server + ": " + e.getMessage(), e);
            }
            return CompletableFuture.completedFuture(reply.decodeAndClose(what, results));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private BlockingRpcConnection connection(String what) {
        if (closed) {
            throw new RpcClientException(what + ": client to " + server + " is closed");
        }
        BlockingRpcConnection c = mine.get();
        if (c != null && c.isOpen()) {
            return c;
        }
        try {
            c = BlockingRpcConnection.open(server, maxRecord, privilegedPort);
        } catch (IOException e) {
            throw new ConnectionLostException(what + ": cannot connect to " + server, e);
        }
        mine.set(c);
        open.add(c);
        if (closed) { // closed meanwhile: do not leave this one behind
            drop(c);
            throw new RpcClientException(what + ": client to " + server + " is closed");
        }
        return c;
    }

    private void drop(BlockingRpcConnection c) {
        open.remove(c);
        c.close();
        if (mine.get() == c) {
            mine.remove();
        }
    }

    private void closeOverdue() {
        long now = System.nanoTime();
        for (BlockingRpcConnection c : open) {
            long started = c.callStartedNanos();
            if (started != 0 && now - started > timeout.toNanos()) {
                timedOut.add(c);
                open.remove(c);
                c.close();
            }
        }
    }

    /** Connections currently open (one per thread that has made a call). */
    public int openConnections() {
        return open.size();
    }

    @Override
    public void close() {
        closed = true;
        watchdog.shutdownNow();
        for (BlockingRpcConnection c : open) {
            c.close();
        }
        open.clear();
    }
}
