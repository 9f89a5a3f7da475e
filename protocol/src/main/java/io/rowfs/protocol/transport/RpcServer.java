package io.rowfs.protocol.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.rowfs.protocol.rpc.RpcDispatcher;
import io.rowfs.protocol.rpc.RpcProgram;
import io.rowfs.protocol.xdr.XdrLimits;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ONC RPC server on one address: TCP and/or UDP on the same port number, serving the registered
 * {@link RpcProgram}s. Built with {@link #builder()}, then {@link #start()}ed; {@link #close()}
 * returns once the sockets are closed.
 */
public final class RpcServer implements AutoCloseable {
    /** 1 MiB of WRITE data plus 64 KiB for headers: the default cap on one TCP record. */
    public static final int DEFAULT_MAX_RECORD = (1 << 20) + (64 << 10);
    /** Calls one TCP connection may have outstanding before the server stops reading it. */
    public static final int DEFAULT_MAX_OUTSTANDING = 128;
    /** Reply bytes in memory per TCP connection, not yet taken by its socket, before reading pauses. */
    public static final long DEFAULT_MAX_UNSENT_BYTES = 16L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);
    /** Attempts at finding an ephemeral port free on both TCP and UDP. */
    private static final int EPHEMERAL_ATTEMPTS = 10;
    /** Largest UDP datagram read (an IPv4 datagram cannot be larger). */
    static final int MAX_DATAGRAM = 65536;

    private final Builder config;
    private final RpcDispatcher dispatcher;
    /** Every open channel (listeners and connections); thread-safe. */
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final boolean ownLoops;
    private final EventLoops loops;
    /** Set once by {@link #start}; read by any thread. */
    private volatile int port = -1;

    private RpcServer(Builder config) {
        this.config = config;
        this.dispatcher = new RpcDispatcher(config.programs, config.limits);
        this.ownLoops = config.eventLoops == null;
        this.loops = ownLoops ? EventLoops.create(0, config.spinNanos, config.spinWorthIt) : config.eventLoops;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the sockets (TCP first, then UDP on the same port number). */
    public synchronized RpcServer start() throws IOException {
        if (port >= 0) throw new IllegalStateException("already started");
        int attempts = config.port == 0 && config.tcp && config.udp ? EPHEMERAL_ATTEMPTS : 1;
        for (int i = 1; ; i++) {
            Channel tcp = null;
            try {
                int bound = config.port;
                if (config.tcp) {
                    tcp = bindTcp(config.port);
                    bound = ((InetSocketAddress) tcp.localAddress()).getPort();
                }
                if (config.udp) {
                    Channel udp = bindUdp(bound);
                    bound = ((InetSocketAddress) udp.localAddress()).getPort();
                }
                port = bound;
                LOG.info("RPC server on {}:{} ({}{}) serving {}", config.address.getHostAddress(), bound,
                        config.tcp ? "TCP" : "", config.udp ? (config.tcp ? "+UDP" : "UDP") : "",
                        describePrograms());
                return this;
            } catch (IOException e) {
                if (tcp != null) tcp.close().awaitUninterruptibly();
                if (i >= attempts) {
                    closeQuietly();
                    throw e;
                }
            }
        }
    }

    private Channel bindTcp(int tcpPort) throws IOException {
        ServerBootstrap b = StreamSockets.configure(new ServerBootstrap()
                .group(loops.group())
                .channel(loops.serverSocketChannel())
                .option(ChannelOption.SO_REUSEADDR, true))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        ch.pipeline().addLast(new RecordMarkingDecoder(config.maxRecordSize),
                                RecordMarkingEncoder.INSTANCE,
                                new TcpRpcHandler(dispatcher, config.maxOutstanding, config.maxUnsentBytes));
                    }
                });
        return bind(b.bind(config.address, tcpPort), "TCP", tcpPort);
    }

    private Channel bindUdp(int udpPort) throws IOException {
        UdpRpcHandler handler = new UdpRpcHandler(dispatcher);
        Bootstrap b = new Bootstrap()
                .group(loops.group())
                .channel(loops.datagramChannel())
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                .handler(handler);
        return bind(b.bind(config.address, udpPort), "UDP", udpPort);
    }

    private Channel bind(ChannelFuture f, String what, int wanted) throws IOException {
        f.awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw new IOException("cannot bind " + what + " " + config.address.getHostAddress() + ":"
                    + wanted + ": " + f.cause().getMessage(), f.cause());
        }
        channels.add(f.channel());
        return f.channel();
    }

    private String describePrograms() {
        StringBuilder sb = new StringBuilder();
        for (RpcProgram p : config.programs) {
            sb.append(sb.length() == 0 ? "" : ", ").append(p.program())
                    .append(" v").append(p.lowVersion()).append("-").append(p.highVersion());
        }
        return sb.toString();
    }

    /** The bound port number (the same for TCP and UDP). */
    public int port() {
        int p = port;
        if (p < 0) throw new IllegalStateException("not started");
        return p;
    }

    public InetAddress address() {
        return config.address;
    }

    /** Address and port clients connect to. */
    public InetSocketAddress localAddress() {
        return new InetSocketAddress(config.address, port());
    }

    public boolean tcpEnabled() {
        return config.tcp;
    }

    public boolean udpEnabled() {
        return config.udp;
    }

    public List<RpcProgram> programs() {
        return List.copyOf(config.programs);
    }

    /** Closes the sockets and every connection; returns when they are closed. */
    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        channels.close().awaitUninterruptibly();
        if (ownLoops) {
            loops.close();
        }
    }

    /** Configuration of an {@link RpcServer}. Not thread-safe; used by one thread before build. */
    public static final class Builder {
        private InetAddress address = InetAddress.getLoopbackAddress();
        private int port;
        private boolean tcp = true;
        private boolean udp = true;
        private final List<RpcProgram> programs = new ArrayList<>();
        private int maxRecordSize = DEFAULT_MAX_RECORD;
        private int maxOutstanding = DEFAULT_MAX_OUTSTANDING;
        private long maxUnsentBytes = DEFAULT_MAX_UNSENT_BYTES;
        private XdrLimits limits = XdrLimits.DEFAULT;
        private EventLoops eventLoops;
        private long spinNanos;
        private BooleanSupplier spinWorthIt = () -> true;

        private Builder() {
        }

        /** Address and port to bind; port 0 picks an ephemeral port. Default 127.0.0.1:0. */
        public Builder bind(InetSocketAddress where) {
            this.address = where.getAddress();
            this.port = where.getPort();
            return this;
        }

        public Builder tcp(boolean enabled) {
            this.tcp = enabled;
            return this;
        }

        public Builder udp(boolean enabled) {
            this.udp = enabled;
            return this;
        }

        public Builder program(RpcProgram program) {
            programs.add(program);
            return this;
        }

        /** Largest TCP record accepted; a bigger one closes its connection. */
        public Builder maxRecordSize(int bytes) {
            if (bytes <= 0) throw new IllegalArgumentException("max record size must be positive");
            this.maxRecordSize = bytes;
            return this;
        }

        /** Outstanding calls per TCP connection before reading pauses (back-pressure). */
        public Builder maxOutstandingPerConnection(int calls) {
            if (calls <= 0) throw new IllegalArgumentException("max outstanding must be positive");
            this.maxOutstanding = calls;
            return this;
        }

        /**
         * Reply bytes held in memory per TCP connection, waiting for its socket, before reading
         * pauses (back-pressure on a client that does not read its replies). Bytes sent from a
         * file (sendfile) hold no memory and do not count.
         */
        public Builder maxUnsentBytesPerConnection(long bytes) {
            if (bytes <= 0) throw new IllegalArgumentException("max unsent bytes must be positive");
            this.maxUnsentBytes = bytes;
            return this;
        }

        public Builder xdrLimits(XdrLimits limits) {
            this.limits = limits;
            return this;
        }

        /** Event loops to share (not closed by the server); default: the server owns its own. */
        public Builder eventLoops(EventLoops loops) {
            this.eventLoops = loops;
            return this;
        }

        /**
         * With its own (epoll) loops: how long an idle loop polls before it blocks, at most (see
         * {@code SpinBeforeBlocking}). Default 0: it blocks at once.
         */
        public Builder spinBeforeBlocking(Duration spin) {
            return spinBeforeBlocking(spin, () -> true);
        }

        /** As above, spinning only while {@code worthIt} (false: other work wants the CPU). */
        public Builder spinBeforeBlocking(Duration spin, BooleanSupplier worthIt) {
            if (spin.isNegative()) throw new IllegalArgumentException("negative spin " + spin);
            this.spinNanos = spin.toNanos();
            this.spinWorthIt = worthIt;
            return this;
        }

        public RpcServer build() {
            if (!tcp && !udp) throw new IllegalStateException("neither TCP nor UDP enabled");
            return new RpcServer(this);
        }
    }
}
