package io.rowfs.boot.tftp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.rowfs.boot.Transports;
import io.rowfs.boot.files.BadNameException;
import io.rowfs.boot.files.BootRoot;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TFTP request listener. Read requests whose name resolves inside the boot root start a
 * transfer on a fresh ephemeral-port channel; write requests are refused with ERROR 2; malformed
 * packets are dropped (no reply, so a spoofed source cannot use the server as an amplifier);
 * a repeated request from a client address and port already being served is ignored. With the
 * epoll transport lock-step transfers run on threads of their own ({@link LockStepTransfer}).
 */
public final class TftpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TftpServer.class);

    private final BootRoot root;
    private final TftpConfig config;
    private final EventLoopGroup group;
    private final TransferLimits limits;
    private final Set<InetSocketAddress> active = ConcurrentHashMap.newKeySet();
    /** Threads of lock-step transfers on epoll, one per transfer while it runs ({@link LockStepTransfer}). */
    private final ExecutorService lockStepThreads = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "tftp-lockstep-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    });
    private Channel listener;
    private InetAddress bindAddress;

    public TftpServer(BootRoot root, TftpConfig config, EventLoopGroup group) {
        this.root = root;
        this.config = config;
        this.group = group;
        this.limits = new TransferLimits(config.perClient(), config.global());
    }

    /** Binds the listener; transfers use ephemeral ports on the same address. */
    public InetSocketAddress start(InetSocketAddress bind) throws InterruptedException {
        this.bindAddress = bind.getAddress();
        ChannelFuture f = new Bootstrap().group(group).channel(Transports.datagram())
                .handler(new RequestHandler())
                .bind(bind).await();
        if (!f.isSuccess()) {
            throw new IllegalStateException("TFTP cannot listen on " + bind + ": " + f.cause().getMessage(),
                    f.cause());
        }
        listener = f.channel();
        InetSocketAddress local = (InetSocketAddress) listener.localAddress();
        if (Transports.epoll()) {
            warmUpLockStep();
        }
        LOG.info("tftp: serving {} on {} (blksize cap {}, windowsize cap {})", root.path(), local,
                config.maxBlksize(), config.maxWindow());
        return local;
    }

    /**
     * Loads and initialises what the first lock-step transfer needs (the JDK's datagram channel with
     * SO_REUSEPORT, a lock-step thread), so that it answers as fast as the later ones: done cold, that
     * took over 150 ms on a busy machine.
     */
    private void warmUpLockStep() {
        try (DatagramChannel ch = DatagramChannel.open(bindAddress instanceof Inet4Address
                ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6)) {
            ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            ch.bind(new InetSocketAddress(bindAddress, 0));
            ch.connect(ch.getLocalAddress());
            ch.write(ByteBuffer.allocateDirect(4));
            ch.read(ByteBuffer.allocateDirect(16));
        } catch (IOException | RuntimeException e) {
            LOG.debug("tftp: lock-step warm-up: {}", e.toString());
        }
        lockStepThreads.execute(() -> LOG.trace("tftp: lock-step thread ready"));
    }

    int activeTransfers() {
        return limits.active();
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        lockStepThreads.shutdownNow(); // interrupting a blocked read closes its socket and ends the transfer
    }

    @ChannelHandler.Sharable
    private final class RequestHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            InetSocketAddress client = packet.sender();
            TftpRequest request;
            try {
                request = TftpRequest.parse(packet.content());
            } catch (IllegalArgumentException e) {
                LOG.info("tftp: dropped a malformed packet from {}: {}", client, e.getMessage());
                return;
            }
            if (request.opcode() == TftpPackets.WRQ) {
                LOG.warn("tftp: {} tried to write {}: refused", client, BootRoot.printable(request.filename()));
                reply(ctx, client, TftpPackets.ERR_ACCESS, "Read-only server");
                return;
            }
            LOG.info("tftp: {} asked for {} (mode {}, options {})", client,
                    BootRoot.printable(request.filename()), request.mode(), request.options());
            boolean netascii = request.mode().equals("netascii");
            if (!netascii && !request.mode().equals("octet")) {
                reply(ctx, client, TftpPackets.ERR_ILLEGAL_OP, "Unsupported mode " + request.mode());
                return;
            }
            if (active.contains(client)) {
                LOG.debug("tftp: repeated request from {} ignored", client);
                return;
            }
            ByteBuffer content;
            try {
                Path file = root.resolve(request.filename());
                content = FileContent.open(file, netascii);
            } catch (BadNameException e) {
                LOG.warn("tftp: {} refused: {}", client, e.getMessage());
                reply(ctx, client, TftpPackets.ERR_ACCESS, "Access violation");
                return;
            } catch (NoSuchFileException e) {
                LOG.info("tftp: {} asked for {}: not found", client, BootRoot.printable(request.filename()));
                reply(ctx, client, TftpPackets.ERR_NOT_FOUND, "File not found");
                return;
            } catch (IOException e) {
                LOG.warn("tftp: {} asked for {}: {}", client, BootRoot.printable(request.filename()), e.toString());
                reply(ctx, client, TftpPackets.ERR_ACCESS, "Cannot read file");
                return;
            }
            if (!limits.acquire(client.getAddress())) {
                LOG.warn("tftp: {} refused {}: transfer limit reached", client, request.filename());
                reply(ctx, client, TftpPackets.ERR_UNDEFINED, "Too many transfers");
                return;
            }
            active.add(client);
            Negotiation negotiation = Negotiation.of(request.options(), content.remaining(), config);
            Runnable onClose = () -> {
                active.remove(client);
                limits.release(client.getAddress());
            };
            String name = BootRoot.printable(request.filename());
            if (Transports.epoll()) {
                startConnected(client, name, content, negotiation, onClose);
                return;
            }
            TftpTransferHandler handler =
                    new TftpTransferHandler(client, name, content, negotiation, config, false, onClose);
            ChannelFuture bound = new Bootstrap().group(group).channel(Transports.datagram())
                    .option(ChannelOption.SO_SNDBUF, 1 << 20)
                    .handler(handler)
                    .bind(new InetSocketAddress(bindAddress, 0));
            bound.addListener(f -> {
                if (!f.isSuccess()) {
                    LOG.error("tftp: no transfer port for {}: {}", client, f.cause().toString());
                    onClose.run();
                }
            });
        }

        /**
         * Epoll: the transfer runs on a socket connected to the client (the kernel then keeps the
         * route and demultiplexes the client's ACKs straight to it, which shortens every round
         * trip), with an unconnected socket on the same port (SO_REUSEPORT) that answers everyone
         * else with ERROR 5. Lock-step transfers (windowsize 1) use a blocking socket and a thread of
         * their own ({@link #startLockStep}); windowed ones a Netty channel that reads
         * level-triggered, one ACK per wake-up.
         */
        private void startConnected(InetSocketAddress client, String name, ByteBuffer content,
                                    Negotiation negotiation, Runnable onClose) {
            // an AF_INET socket for an IPv4 address: no IPv4-mapped IPv6 on every send and receive
            SocketProtocolFamily family = bindAddress instanceof Inet4Address
                    ? SocketProtocolFamily.INET : SocketProtocolFamily.INET6;
            ChannelFuture others = new Bootstrap().group(group).channelFactory(() -> new EpollDatagramChannel(family))
                    .option(EpollChannelOption.SO_REUSEPORT, true)
                    .handler(new UnknownTidHandler(client, name))
                    .bind(new InetSocketAddress(bindAddress, 0));
            others.addListener(f -> {
                if (!f.isSuccess()) {
                    LOG.error("tftp: no transfer port for {}: {}", client, f.cause().toString());
                    onClose.run();
                    return;
                }
                Channel twin = others.channel();
                InetSocketAddress local = (InetSocketAddress) twin.localAddress();
                if (negotiation.windowsize() == 1) {
                    startLockStep(client, name, content, negotiation, twin, local.getPort(), onClose);
                    return;
                }
                TftpTransferHandler handler =
                        new TftpTransferHandler(client, name, content, negotiation, config, true, onClose);
                ChannelFuture connected = new Bootstrap().group(group)
                        .channelFactory(() -> new EpollDatagramChannel(family))
                        .option(ChannelOption.SO_SNDBUF, 1 << 20)
                        .option(EpollChannelOption.SO_REUSEPORT, true)
                        .option(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED)
                        .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(2048).maxMessagesPerRead(1))
                        .handler(handler)
                        .connect(client, new InetSocketAddress(bindAddress, local.getPort()));
                connected.channel().closeFuture().addListener(c -> twin.close());
                connected.addListener(c -> {
                    if (!c.isSuccess()) {
                        LOG.error("tftp: no transfer port for {}: {}", client, c.cause().toString());
                        twin.close();
                        onClose.run();
                    }
                });
            });
        }

        /**
         * Lock step on epoll: a blocking socket connected to the client on the twin's port, served by
         * its own thread ({@link LockStepTransfer}); the event loop only runs its retransmission timer.
         */
        private void startLockStep(InetSocketAddress client, String name, ByteBuffer content, Negotiation negotiation,
                                   Channel twin, int port, Runnable onClose) {
            DatagramChannel ch = null;
            try {
                ch = DatagramChannel.open(bindAddress instanceof Inet4Address
                        ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
                ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                ch.bind(new InetSocketAddress(bindAddress, port));
                ch.connect(client);
                Runnable onEnd = () -> {
                    twin.close();
                    onClose.run();
                };
                lockStepThreads.execute(new LockStepTransfer(ch, client, name, content, negotiation, config,
                        twin.eventLoop(), onEnd));
            } catch (IOException | RuntimeException e) {
                LOG.error("tftp: no transfer port for {}: {}", client, e.toString());
                if (ch != null) {
                    try {
                        ch.close();
                    } catch (IOException ignored) {
                        // it was never used
                    }
                }
                twin.close();
                onClose.run();
            }
        }

        private void reply(ChannelHandlerContext ctx, InetSocketAddress to, int code, String message) {
            ByteBuf err = TftpPackets.error(ctx.alloc(), code, message);
            ctx.writeAndFlush(new DatagramPacket(err, to));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.error("tftp: listener error", cause);
        }
    }
}
