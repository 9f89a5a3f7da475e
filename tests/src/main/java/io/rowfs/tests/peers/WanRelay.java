package io.rowfs.tests.peers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A user-space TCP relay that emulates a WAN link: every chunk read from one side is written to the
 * other side {@code oneWayDelay} after it arrived (so a request/reply sees an extra RTT of twice the
 * delay), optionally paced to a byte rate. The host kernel has no {@code tc netem}, hence this.
 *
 * <p>Throughput is kept: chunks are not serialised behind each other's delay. Each direction has a
 * reader that stamps chunks with their due time ({@code arrival + delay}) into a queue and a writer
 * that sends each chunk when it is due; a full queue (limit {@link #QUEUE_LIMIT_BYTES} per direction)
 * stops the reader, which back-pressures the sender through TCP.
 * <pre>
 *   client --> [reader: stamp due=t+d] --queue--> [writer: sleep until due, (pace), write] --> server
 *   client <-- [writer] <--queue-- [reader] <-- server                        (same, other way)
 * </pre>
 * Threads: one acceptor per relay, a reader and a writer per direction per connection. The queue of a
 * direction is guarded by its own monitor. Time comes from an injected nanosecond clock.
 *
 * <p>{@code main}: {@code WanRelay [--delay-ms 15] [--rate-mbit 100] LISTEN_HOST:PORT=TARGET_HOST:PORT...}
 * prints {@code listening HOST:PORT -> TARGET delay=...} per relay and runs until killed. For a 30 ms
 * RTT use {@code --delay-ms 15}. In a test, {@code ns.startJava("relay", List.of(),
 * WanRelay.class.getName(), ...)} runs it inside a namespace.
 */
public final class WanRelay implements AutoCloseable {
    static final int QUEUE_LIMIT_BYTES = 32 * 1024 * 1024;
    private static final int CHUNK = 64 * 1024;

    private final ServerSocketChannel server;
    private final InetSocketAddress target;
    private final long delayNanos;
    private final long bytesPerSecond;
    private final LongSupplier nanoClock;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private WanRelay(ServerSocketChannel server, InetSocketAddress target, Duration oneWayDelay, long bytesPerSecond,
                     LongSupplier nanoClock) {
        this.server = server;
        this.target = target;
        this.delayNanos = oneWayDelay.toNanos();
        this.bytesPerSecond = bytesPerSecond;
        this.nanoClock = nanoClock;
    }

    /**
     * Listens on {@code listen} (port 0 for an ephemeral one) and relays to {@code target} with
     * {@code oneWayDelay} each way; {@code bytesPerSecond} 0 means no rate limit.
     */
    public static WanRelay start(InetSocketAddress listen, InetSocketAddress target, Duration oneWayDelay,
                                 long bytesPerSecond) throws IOException {
        return start(listen, target, oneWayDelay, bytesPerSecond, System::nanoTime);
    }

    static WanRelay start(InetSocketAddress listen, InetSocketAddress target, Duration oneWayDelay,
                          long bytesPerSecond, LongSupplier nanoClock) throws IOException {
        if (oneWayDelay.isNegative()) {
            throw new IllegalArgumentException("delay must be >= 0, got " + oneWayDelay);
        }
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("rate must be >= 0 bytes/s, got " + bytesPerSecond);
        }
        ServerSocketChannel server = ServerSocketChannel.open();
        server.socket().setReuseAddress(true);
        server.bind(listen);
        WanRelay relay = new WanRelay(server, target, oneWayDelay, bytesPerSecond, nanoClock);
        daemon("wan-relay-accept", relay::acceptLoop).start();
        return relay;
    }

    public int port() {
        return server.socket().getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("WanRelay: accept failed: " + e);
                }
                return;
            }
            try {
                SocketChannel upstream = SocketChannel.open(target);
                client.socket().setTcpNoDelay(true);
                upstream.socket().setTcpNoDelay(true);
                open.add(client);
                open.add(upstream);
                new Direction(client, upstream).start();
                new Direction(upstream, client).start();
            } catch (IOException e) {
                System.err.println("WanRelay: cannot connect to " + target + ": " + e);
                closeQuietly(client);
            }
        }
    }

    /** One way of one connection: reader stamps chunks, writer releases them when due. */
    private final class Direction {
        private final SocketChannel from;
        private final SocketChannel to;
        /** Guarded by {@code this}: chunks not yet written, in arrival order, and their total size. */
        private final ArrayDeque<Chunk> queue = new ArrayDeque<>();
        private long queuedBytes;
        private boolean eof;

        Direction(SocketChannel from, SocketChannel to) {
            this.from = from;
            this.to = to;
        }

        void start() {
            daemon("wan-relay-read", this::readLoop).start();
            daemon("wan-relay-write", this::writeLoop).start();
        }

        private void readLoop() {
            try {
                while (true) {
                    ByteBuffer buf = ByteBuffer.allocate(CHUNK);
                    int n = from.read(buf);
                    long arrival = nanoClock.getAsLong();
                    synchronized (this) {
                        if (n < 0) {
                            eof = true;
                            notifyAll();
                            return;
                        }
                        buf.flip();
                        if (n < CHUNK / 4) {
                            // small reads (RPC replies, acks): don't pin a whole chunk while delayed
                            buf = ByteBuffer.allocate(n).put(buf).flip();
                        }
                        queue.add(new Chunk(buf, arrival + delayNanos));
                        queuedBytes += n;
                        notifyAll();
                        while (queuedBytes > QUEUE_LIMIT_BYTES) {
                            wait();
                        }
                    }
                }
            } catch (IOException | InterruptedException e) {
                shutdown();
            }
        }

        private void writeLoop() {
            long nextSendAllowed = 0;
            try {
                while (true) {
                    Chunk c;
                    synchronized (this) {
                        while (queue.isEmpty() && !eof) {
                            wait();
                        }
                        if (queue.isEmpty()) {
                            to.shutdownOutput();
                            return;
                        }
                        c = queue.peek();
                    }
                    long due = Math.max(c.due, nextSendAllowed);
                    sleepUntil(due);
                    int n = c.data.remaining();
                    while (c.data.hasRemaining()) {
                        to.write(c.data);
                    }
                    if (bytesPerSecond > 0) {
                        nextSendAllowed = Math.max(due, nanoClock.getAsLong()) + n * 1_000_000_000L / bytesPerSecond;
                    }
                    synchronized (this) {
                        queue.poll();
                        queuedBytes -= n;
                        notifyAll();
                    }
                }
            } catch (IOException | InterruptedException e) {
                shutdown();
            }
        }

        private void sleepUntil(long dueNanos) throws InterruptedException {
            long wait;
            while ((wait = dueNanos - nanoClock.getAsLong()) > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }

        private void shutdown() {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private record Chunk(ByteBuffer data, long due) {
    }

    private void closeQuietly(SocketChannel c) {
        open.remove(c);
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        List.copyOf(open).forEach(this::closeQuietly);
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    static InetSocketAddress hostPort(String s) {
        int colon = s.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("want HOST:PORT, got '" + s + "'");
        }
        try {
            return new InetSocketAddress(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("want HOST:PORT, got '" + s + "'", e);
        }
    }

    public static void main(String[] args) throws Exception {
        long delayMs = 15;
        long rate = 0;
        List<String> maps = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--delay-ms" -> delayMs = Long.parseLong(args[++i]);
                    case "--rate-mbit" -> rate = Long.parseLong(args[++i]) * 1_000_000L / 8;
                    default -> maps.add(args[i]);
                }
            }
            if (maps.isEmpty()) {
                throw new IllegalArgumentException("no LISTEN=TARGET given");
            }
            List<WanRelay> relays = new ArrayList<>();
            for (String m : maps) {
                int eq = m.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("want LISTEN_HOST:PORT=TARGET_HOST:PORT, got '" + m + "'");
                }
                InetSocketAddress listen = hostPort(m.substring(0, eq));
                WanRelay r = start(listen, hostPort(m.substring(eq + 1)), Duration.ofMillis(delayMs), rate);
                relays.add(r);
                System.out.println("listening " + listen.getHostString() + ":" + r.port() + " -> "
                        + m.substring(eq + 1) + " delay=" + delayMs + "ms" + (rate > 0 ? " rate=" + rate + "B/s" : ""));
            }
            System.out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> relays.forEach(WanRelay::close)));
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("WanRelay: " + e.getMessage());
            System.err.println("usage: WanRelay [--delay-ms 15] [--rate-mbit N] LISTEN_HOST:PORT=TARGET_HOST:PORT...");
            System.exit(2);
        }
        Thread.currentThread().join();
    }
}
