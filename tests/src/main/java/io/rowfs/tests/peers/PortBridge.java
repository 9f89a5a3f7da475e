package io.rowfs.tests.peers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Forwards every connection accepted on one endpoint to another, byte for byte, both ways; an
 * endpoint is {@code tcp:HOST:PORT} or {@code unix:PATH}.
 *
 * <p>Why: a network namespace has its own loopback, so a JUnit test in the host namespace cannot
 * reach a server listening on 127.0.0.1 inside a test netns, and tests must not add addresses to
 * the host namespace. Unix-domain sockets are named by file path, which all namespaces share. So a
 * pair of bridges crosses the boundary:
 * <pre>
 *   host: client --TCP--> 127.0.0.1:P  [PortBridge tcp:127.0.0.1:P=unix:/tmp/x.sock]
 *   netns NS:   [PortBridge unix:/tmp/x.sock=tcp:127.0.0.1:2049, run by ip netns exec NS java ...] --TCP--> server
 * </pre>
 * {@link Ganesha} sets this up; {@link Netns#bridgeToHost(int)} does it for any port in a netns.
 *
 * <p>Threads: one acceptor thread per bridge and two copying threads per connection (blocking I/O;
 * these are test fixtures with a handful of connections). The set of open channels is concurrent.
 *
 * <p>{@code main(LISTEN=CONNECT ...)} runs bridges in a separate JVM until killed and prints
 * {@code listening LISTEN -> CONNECT} per bridge on stdout once it accepts connections.
 */
public final class PortBridge implements AutoCloseable {
    private static final int BUFFER = 256 * 1024;

    private final ServerSocketChannel server;
    private final SocketAddress target;
    private final Path unixListenPath;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private PortBridge(ServerSocketChannel server, SocketAddress target, Path unixListenPath, String name) {
        this.server = server;
        this.target = target;
        this.unixListenPath = unixListenPath;
        this.acceptor = new Thread(this::acceptLoop, "port-bridge-" + name);
        this.acceptor.setDaemon(true);
    }

    /** Starts forwarding connections accepted on {@code listen} to {@code connect}. */
    public static PortBridge start(String listen, String connect) throws IOException {
        SocketAddress listenAddress = parse(listen);
        SocketAddress target = parse(connect);
        ServerSocketChannel server;
        Path unixPath = null;
        if (listenAddress instanceof UnixDomainSocketAddress u) {
            unixPath = u.getPath();
            Files.deleteIfExists(unixPath);
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        } else {
            server = ServerSocketChannel.open();
            server.socket().setReuseAddress(true);
        }
        server.bind(listenAddress);
        PortBridge bridge = new PortBridge(server, target, unixPath, listen);
        bridge.acceptor.start();
        return bridge;
    }

    /** The TCP port this bridge listens on (useful after listening on port 0); -1 for a unix socket. */
    public int port() {
        try {
            return server.getLocalAddress() instanceof InetSocketAddress i ? i.getPort() : -1;
        } catch (IOException e) {
            throw new PeerException("bridge closed", e);
        }
    }

    /** Parses {@code tcp:HOST:PORT} or {@code unix:PATH}. */
    static SocketAddress parse(String endpoint) {
        if (endpoint.startsWith("unix:")) {
            return UnixDomainSocketAddress.of(endpoint.substring(5));
        }
        if (endpoint.startsWith("tcp:")) {
            String hostPort = endpoint.substring(4);
            int colon = hostPort.lastIndexOf(':');
            if (colon > 0) {
                try {
                    return new InetSocketAddress(hostPort.substring(0, colon),
                            Integer.parseInt(hostPort.substring(colon + 1)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("bad port in endpoint '" + endpoint + "'", e);
                }
            }
        }
        throw new IllegalArgumentException("endpoint must be tcp:HOST:PORT or unix:PATH, got '" + endpoint + "'");
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("PortBridge: accept failed: " + e);
                }
                return;
            }
            try {
                SocketChannel upstream = SocketChannel.open(target);
                if (target instanceof InetSocketAddress) {
                    upstream.socket().setTcpNoDelay(true);
                }
                if (client.getLocalAddress() instanceof InetSocketAddress) {
                    client.socket().setTcpNoDelay(true);
                }
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                System.err.println("PortBridge: cannot connect to " + target + ": " + e);
                closeQuietly(client);
            }
        }
    }

    private void pump(SocketChannel from, SocketChannel to) {
        Thread t = new Thread(() -> {
            ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
            try {
                while (from.read(buf) >= 0) {
                    buf.flip();
                    while (buf.hasRemaining()) {
                        to.write(buf);
                    }
                    buf.clear();
                }
                to.shutdownOutput();
            } catch (IOException e) {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "port-bridge-pump");
        t.setDaemon(true);
        t.start();
    }

    private void closeQuietly(SocketChannel c) {
        open.remove(c);
        try {
            c.close();
        } catch (IOException ignored) {
            // already closing
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
        for (SocketChannel c : List.copyOf(open)) {
            closeQuietly(c);
        }
        if (unixListenPath != null) {
            try {
                Files.deleteIfExists(unixListenPath);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: PortBridge LISTEN=CONNECT... (endpoints tcp:HOST:PORT or unix:PATH)");
            System.exit(2);
        }
        List<PortBridge> bridges = new ArrayList<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                System.err.println("PortBridge: argument must be LISTEN=CONNECT, got '" + arg + "'");
                System.exit(2);
            }
            PortBridge b = start(arg.substring(0, eq), arg.substring(eq + 1));
            bridges.add(b);
            String listen = b.port() >= 0 ? "tcp:" + ((InetSocketAddress) b.server.getLocalAddress())
                    .getHostString() + ":" + b.port() : arg.substring(0, eq);
            System.out.println("listening " + listen + " -> " + arg.substring(eq + 1));
        }
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> bridges.forEach(PortBridge::close)));
        Thread.currentThread().join();
    }
}
