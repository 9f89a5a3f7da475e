package io.rowfs.protocol.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.rowfs.protocol.rpc.Credentials;
import io.rowfs.protocol.rpc.RpcCallHeader;
import io.rowfs.protocol.transport.RecordMarkingDecoder;
import io.rowfs.protocol.transport.RecordMarkingEncoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.net.BindException;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.rowfs.protocol.rpc.XdrReader;
import io.rowfs.protocol.rpc.XdrWriter;
import io.rowfs.protocol.transport.EventLoops;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * An asynchronous ONC RPC client over one TCP connection to {@code host:port}. Thread-safe: any
 * number of calls may be in flight at once (pipelined, matched by xid). A lost connection fails
 * the calls in flight with {@link ConnectionLostException}; the next call reconnects. Each call
 * fails with {@link RpcTimeoutException} if no reply arrives within the timeout.
 */
public final class RpcClient implements AutoCloseable {
    /** Default per-call timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(RpcClient.class);
    /** Privileged source ports tried, from high to low (as bindresvport does, above 512). */
    static final int PRIVILEGED_HIGH = 1023;
    static final int PRIVILEGED_LOW = 600;

    private final Builder config;
    private final boolean ownLoops;
    private final EventLoops loops;
    private final Bootstrap bootstrap;
    private final AtomicInteger nextXid = new AtomicInteger(new SecureRandom().nextInt());
    /** Guarded by {@code this}: the current (or pending) connection, null before the first call. */
    private CompletableFuture<Channel> connection;
    /** Guarded by {@code this}. */
    private boolean closed;

    private RpcClient(Builder config) {
        this.config = config;
        this.ownLoops = config.eventLoops == null;
        this.loops = ownLoops ? EventLoops.create(1) : config.eventLoops;
        this.bootstrap = new Bootstrap()
                .group(loops.group())
                .channel(loops.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout.toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new RecordMarkingDecoder(config.maxRecordSize),
                                RecordMarkingEncoder.INSTANCE, new PendingCalls());
                    }
                });
    }

    public static Builder builder(InetSocketAddress server) {
        return new Builder(server);
    }

    public InetSocketAddress server() {
        return config.server;
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
        ByteBuf request = ByteBufAllocator.DEFAULT.buffer();
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
                        : new ConnectionLostException(what + ": cannot connect to " + config.server, failure));
                return;
            }
            channel.eventLoop().execute(() -> send(channel, xid, what, request, result));
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
        return call(program, version, procedure, cred, args).thenApply(reply -> {
            try (reply) {
                if (!reply.isSuccess()) {
                    throw new RpcStatusException("call " + program + " v" + version + " proc " + procedure,
                            reply.header());
                }
                return results.read(reply.results());
            }
        });
    }

    /** The live connection, or a new one if there is none (or it died). */
    private synchronized CompletableFuture<Channel> connection() {
        if (closed) {
            return CompletableFuture.failedFuture(new RpcClientException("client to " + config.server + " is closed"));
        }
        CompletableFuture<Channel> c = connection;
        boolean usable = c != null && (!c.isDone()
                || (!c.isCompletedExceptionally() && c.join().isActive()));
        if (!usable) {
            c = new CompletableFuture<>();
            connection = c;
            connect(c, config.privilegedPort ? PRIVILEGED_HIGH : 0);
        }
        return c;
    }

    private void connect(CompletableFuture<Channel> result, int localPort) {
        ChannelFuture f = localPort == 0 ? bootstrap.connect(config.server)
                : bootstrap.connect(config.server, new InetSocketAddress(localPort));
        f.addListener((ChannelFuture done) -> {
            if (done.isSuccess()) {
                LOG.debug("connected to {} from {}", config.server, done.channel().localAddress());
                result.complete(done.channel());
            } else if (localPort > PRIVILEGED_LOW && bindFailed(done.cause())) {
                connect(result, localPort - 1);
            } else {
                result.completeExceptionally(new ConnectionLostException("cannot connect to "
                        + config.server + (localPort > 0 ? " from privileged port " + localPort : "")
                        + ": " + done.cause().getMessage(), done.cause()));
            }
        });
    }

    /** A privileged port already taken: try the next one (a refused permission is final). */
    private static boolean bindFailed(Throwable cause) {
        String m = String.valueOf(cause.getMessage());
        return cause instanceof BindException || m.contains("Address already in use")
                || m.contains("Cannot assign requested address");
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
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private boolean privilegedPort;
        private int maxRecordSize = io.rowfs.protocol.transport.RpcServer.DEFAULT_MAX_RECORD;
        private EventLoops eventLoops;

        private Builder(InetSocketAddress server) {
            this.server = server;
        }

        public Builder timeout(Duration perCall) {
            this.timeout = perCall;
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
