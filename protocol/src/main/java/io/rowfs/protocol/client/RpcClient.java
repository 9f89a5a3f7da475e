package io.rowfs.protocol.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.rowfs.protocol.rpc.Credentials;
import io.rowfs.protocol.rpc.RpcCallHeader;
import io.rowfs.protocol.rpc.XdrReader;
import io.rowfs.protocol.rpc.XdrWriter;
import io.rowfs.protocol.transport.EventLoops;
import io.rowfs.protocol.xdr.MessageBuffers;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An asynchronous ONC RPC client over one TCP connection to {@code host:port} (or a UDP socket, or
 * a Unix domain socket). Thread-safe: any number of calls may be in flight at once (pipelined, matched by xid). A lost connection fails
 * the calls in flight with {@link ConnectionLostException}; the next call reconnects. Each call
 * fails with {@link RpcTimeoutException} if no reply arrives within the timeout.
 */
public final class RpcClient implements RpcCaller, AutoCloseable {
    /** Default per-call timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);


    private final Builder config;
    private final boolean ownLoops;
    private final EventLoops loops;
    private final Connector connector;
    private final SocketAddress server;
    private final AtomicInteger nextXid = new AtomicInteger(new SecureRandom().nextInt());
    /** Guarded by {@code this}: the current (or pending) connection, null before the first call. */
    private CompletableFuture<Channel> connection;
    /** Guarded by {@code this}. */
    private boolean closed;

    private RpcClient(Builder config) {
        this.config = config;
        this.ownLoops = config.eventLoops == null;
        this.loops = ownLoops ? EventLoops.create(1) : config.eventLoops;
        this.server = config.unixSocket != null ? loops.domainSocketAddress(config.unixSocket) : config.server;
        Connector.Transport transport = config.udp ? Connector.Transport.UDP
                : config.unixSocket != null ? Connector.Transport.UNIX : Connector.Transport.TCP;
        this.connector = new Connector(loops, server, transport, config.privilegedPort,
                config.maxRecordSize, config.connectTimeout, config.scheduler);
    }

    /** A client of the server at {@code server} over TCP. */
    public static Builder builder(InetSocketAddress server) {
        return new Builder(server, null);
    }

    /**
     * A client of the server at {@code server} over UDP: one datagram per call, no retransmission
     * (a lost datagram is a timeout), replies up to 64 KiB.
     */
    public static Builder udpBuilder(InetSocketAddress server) {
        Builder b = new Builder(server, null);
        b.udp = true;
        return b;
    }

    /**
     * A client of the server listening on the Unix domain socket {@code path}, with TCP record
     * marking (as rpcbind's {@code /run/rpcbind.sock} speaks it).
     */
    public static Builder unixSocketBuilder(Path path) {
        return new Builder(null, path);
    }

    /** The server's address (an InetSocketAddress, or a Unix domain socket address). */
    public SocketAddress server() {
        return server;
    }

    /**
     * Sends a call; the future completes with the reply whatever its state (the caller must close
     * it), or exceptionally with an {@link RpcClientException}.
     */
    public CompletableFuture<RpcReply> call(int program, int version, int procedure,
                                            Credentials cred, XdrWriter args) {
        int xid = nextXid.getAndIncrement();
        String what = "call " + program + " v" + version + " proc " + procedure + " xid "
                + Integer.toUnsignedString(xid);
        CompletableFuture<RpcReply> result = new CompletableFuture<>();
        // A composite: WRITE data is appended without a copy (see nfs3 Payload).
        ByteBuf request = MessageBuffers.newMessage(ByteBufAllocator.DEFAULT);
        try {
            XdrEncoder out = new XdrEncoder(request);
            RpcCallHeader.of(xid, program, version, procedure, cred).encode(out);
            args.write(out);
        } catch (RuntimeException e) {
            request.release();
            result.completeExceptionally(e);
            return result;
        }
        connection().whenComplete((channel, failure) -> {
            if (failure != null) {
                request.release();
                result.completeExceptionally(failure instanceof RpcClientException ? failure
                        : new ConnectionLostException(what + ": cannot connect to " + server, failure));
                return;
            }
            if (channel.eventLoop().inEventLoop()) {
                // Called on the connection's own loop (a proxy forwarding from it): no hop.
                send(channel, xid, what, request, result);
                return;
            }
            try {
                channel.eventLoop().execute(() -> send(channel, xid, what, request, result));
            } catch (RejectedExecutionException closedMeanwhile) {
                request.release();
                result.completeExceptionally(new RpcClientException(what + ": client closed"));
            }
        });
        return result;
    }

    /** Event loop of {@code channel}. */
    private void send(Channel channel, int xid, String what, ByteBuf request,
                      CompletableFuture<RpcReply> result) {
        PendingCalls pending = channel.pipeline().get(PendingCalls.class);
        if (pending == null || !pending.register(xid, what, result, config.timeout)) {
            request.release();
            if (!result.isDone()) {
                result.completeExceptionally(new ConnectionLostException(what + ": connection closed"));
            }
            return;
        }
        channel.writeAndFlush(request).addListener(f -> {
            if (!f.isSuccess()) pending.writeFailed(xid, f.cause());
        });
    }

    /**
     * Sends a call and decodes its results; the buffer is released here. A state other than SUCCESS
     * completes the future with {@link RpcStatusException}; results that fail to decode with
     * {@link io.rowfs.protocol.xdr.XdrException} (wrapped in a CompletionException).
     */
    public <T> CompletableFuture<T> call(int program, int version, int procedure, Credentials cred,
                                         XdrWriter args, XdrReader<T> results) {
        return call(program, version, procedure, cred, args).thenApply(reply ->
                reply.decodeAndClose("call " + program + " v" + version + " proc " + procedure, results));
    }

    /** The live connection, or a new one if there is none (or it died). */
    private synchronized CompletableFuture<Channel> connection() {
        if (closed) {
            return CompletableFuture.failedFuture(new RpcClientException("client to " + server + " is closed"));
        }
        CompletableFuture<Channel> c = connection;
        boolean usable = c != null && (!c.isDone()
                || (!c.isCompletedExceptionally() && c.join().isActive()));
        if (!usable) {
            c = connector.connect();
            connection = c;
        }
        return c;
    }

    /** Fails the calls in flight, closes the connection and, if owned, the event loops. */
    @Override
    public void close() {
        CompletableFuture<Channel> c;
        synchronized (this) {
            if (closed) return;
            closed = true;
            c = connection;
        }
        if (c != null) {
            c.thenAccept(Channel::close);
            if (c.isDone() && !c.isCompletedExceptionally()) {
                c.join().closeFuture().awaitUninterruptibly();
            }
        }
        if (ownLoops) {
            loops.close();
        }
    }

    /** Configuration of an {@link RpcClient}. Not thread-safe; used by one thread before build. */
    public static final class Builder {
        private final InetSocketAddress server;
        private final Path unixSocket;
        private boolean udp;
        private TimeoutScheduler scheduler;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private boolean privilegedPort;
        private int maxRecordSize = io.rowfs.protocol.transport.RpcServer.DEFAULT_MAX_RECORD;
        private EventLoops eventLoops;

        private Builder(InetSocketAddress server, Path unixSocket) {
            this.server = server;
            this.unixSocket = unixSocket;
        }

        public Builder timeout(Duration perCall) {
            this.timeout = perCall;
            return this;
        }

        /** Where per-call timeouts are scheduled; default: the connection's event loop. */
        public Builder timeoutScheduler(TimeoutScheduler scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        public Builder connectTimeout(Duration connect) {
            this.connectTimeout = connect;
            return this;
        }

        /**
         * Bind a source port below 1024 (tried from 1023 down to 600), as servers with the
         * "secure" export option require. Needs root or CAP_NET_BIND_SERVICE.
         */
        public Builder privilegedSourcePort(boolean enabled) {
            this.privilegedPort = enabled;
            return this;
        }

        /** Largest reply record accepted; a bigger one closes the connection. */
        public Builder maxRecordSize(int bytes) {
            this.maxRecordSize = bytes;
            return this;
        }

        /** Event loops to share (not closed by the client); default: the client owns one loop. */
        public Builder eventLoops(EventLoops loops) {
            this.eventLoops = loops;
            return this;
        }

        public RpcClient build() {
            return new RpcClient(this);
        }
    }
}
