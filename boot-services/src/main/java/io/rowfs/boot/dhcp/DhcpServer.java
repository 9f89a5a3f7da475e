package io.rowfs.boot.dhcp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.rowfs.boot.BootClients;
import io.rowfs.boot.Transports;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DHCP sockets: 0.0.0.0:67 (a socket bound to an interface address never sees broadcasts),
 * and 0.0.0.0:4011 in proxy mode, each restricted to the configured interface with
 * {@code SO_BINDTODEVICE} (epoll transport). Datagrams are copied off the event loop to one worker
 * thread that owns the {@link LeasePool} and appends to the lease file; its queue is bounded and a
 * full queue drops requests (clients retransmit). Replies that follow a lease-file change go to the
 * committer thread, which fsyncs once for everything queued so far and then sends them (group
 * commit): an ACK never leaves before its lease is on disk, and a slow fsync delays only the ACKs
 * waiting for it, not the OFFERs the worker keeps answering meanwhile.
 */
public final class DhcpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DhcpServer.class);
    private static final int QUEUE = 4096;
    private static final long SLOW_SYNC_MS = 200;

    private final DhcpConfig config;
    private final EventLoopGroup group;
    private final BootClients clients;
    private final Clock clock;
    private final ExecutorService worker;
    private final Map<Integer, Channel> channels = new HashMap<>();
    /** Set by {@link #start} before the sockets are bound, then only read. */
    private volatile DhcpLogic logic;
    private LeaseFile leaseFile;
    private Committer committer;

    public DhcpServer(DhcpConfig config, EventLoopGroup group, BootClients clients, Clock clock) {
        this.config = config;
        this.group = group;
        this.clients = clients;
        this.clock = clock;
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                new java.util.concurrent.ArrayBlockingQueue<>(QUEUE), r -> {
                    Thread t = new Thread(r, "dhcp-worker");
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Loads the lease file and binds the sockets; returns the bound server port. */
    public int start() throws IOException, InterruptedException {
        LeasePool pool = null;
        if (config.mode() == DhcpMode.FULL) {
            Map<String, Long> reservations = new HashMap<>();
            config.reservations().forEach((mac, ip) -> reservations.put(mac, Ip4.toLong(ip)));
            pool = new LeasePool(Ip4.toLong(config.rangeFirst()), Ip4.toLong(config.rangeLast()),
                    Ip4.toLong(config.serverIp()), reservations, clock, config.leaseTime(), config.offerTime(),
                    config.quarantineTime(), LeaseLog.NONE);
            if (config.leaseFile() != null) {
                leaseFile = LeaseFile.open(config.leaseFile(), pool);
                pool.attach(leaseFile);
                committer = new Committer(leaseFile);
                committer.start();
            }
        }
        logic = new DhcpLogic(config, pool, clients);
        int port = bind(config.serverPort(), false);
        if (config.mode() == DhcpMode.PROXY) {
            bind(DhcpConfig.PXE_PORT, true);
        }
        LOG.info("dhcp: {} mode on {} port {}{}", config.mode().name().toLowerCase(java.util.Locale.ROOT),
                config.interfaceName() == null ? "all interfaces" : config.interfaceName(), port,
                config.mode() == DhcpMode.PROXY ? " and " + DhcpConfig.PXE_PORT : "");
        return port;
    }

    private int bind(int port, boolean pxePort) throws InterruptedException {
        Bootstrap b = new Bootstrap().group(group).channel(Transports.datagram())
                .option(ChannelOption.SO_BROADCAST, true)
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(new Receiver(pxePort));
        if (config.interfaceName() != null) {
            if (!Transports.epoll()) {
                throw new IllegalStateException("restricting DHCP to interface " + config.interfaceName()
                        + " needs the epoll transport (SO_BINDTODEVICE), which did not load");
            }
            b.option(Transports.BIND_TO_DEVICE, Transports.deviceName(config.interfaceName()));
        }
        ChannelFuture f = b.bind(new InetSocketAddress(port)).await();
        if (!f.isSuccess()) {
            throw new IllegalStateException("DHCP cannot listen on 0.0.0.0:" + port + ": " + f.cause().getMessage(),
                    f.cause());
        }
        Channel ch = f.channel();
        channels.put(port, ch);
        return ((InetSocketAddress) ch.localAddress()).getPort();
    }

    /** Requests dropped as malformed since start ({@link DhcpLogic#malformed}); any thread. */
    public long malformedRequests() {
        DhcpLogic l = logic;
        return l == null ? 0 : l.malformed();
    }

    @Override
    public void close() throws IOException {
        for (Channel ch : channels.values()) {
            ch.close().syncUninterruptibly();
        }
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
            if (committer != null) {
                committer.stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (leaseFile != null) {
            leaseFile.close();
        }
    }

    private static void send(Channel ch, DhcpLogic.Reply r) {
        ch.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(r.bytes()), r.to())).addListener(f -> {
            if (!f.isSuccess()) {
                LOG.warn("dhcp: reply to {} not sent: {}", r.to(), f.cause().toString());
            }
        });
    }

    /** A reply (or none, for a RELEASE or DECLINE) waiting for the lease file to be synced. */
    private record Pending(Channel channel, DhcpLogic.Reply reply) {
    }

    /** The group-commit thread: sync the lease file once for all waiting replies, then send them. */
    private static final class Committer implements Runnable {
        private final LeaseFile file;
        private final java.util.concurrent.BlockingQueue<Pending> queue = new java.util.concurrent.LinkedBlockingQueue<>();
        private final Thread thread;
        private volatile boolean stopping;

        Committer(LeaseFile file) {
            this.file = file;
            this.thread = new Thread(this, "dhcp-commit");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void submit(Pending p) {
            queue.add(p);
        }

        void stop() throws InterruptedException {
            stopping = true; // no interrupt: it would close the lease file's channel in the middle of a sync
            thread.join(5000);
        }

        @Override
        public void run() {
            java.util.List<Pending> batch = new java.util.ArrayList<>();
            while (!stopping || !queue.isEmpty()) {
                Pending first;
                try {
                    first = queue.poll(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    break;
                }
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch);
                try {
                    long start = System.nanoTime();
                    file.sync(); // every line of the batch was written before its reply was queued
                    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    if (ms >= SLOW_SYNC_MS) {
                        LOG.warn("dhcp: lease file sync took {} ms ({} replies waited)", ms, batch.size());
                    }
                    for (Pending p : batch) {
                        if (p.reply() != null) {
                            send(p.channel(), p.reply());
                        }
                    }
                } catch (IOException e) {
                    LOG.error("dhcp: cannot sync the lease file; {} replies withheld", batch.size(), e);
                }
                batch.clear();
            }
        }
    }

    @ChannelHandler.Sharable
    private final class Receiver extends SimpleChannelInboundHandler<DatagramPacket> {
        private final boolean pxePort;

        Receiver(boolean pxePort) {
            this.pxePort = pxePort;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf buf = packet.content();
            int len = Math.min(buf.readableBytes(), 4096);
            byte[] data = new byte[len];
            buf.getBytes(buf.readerIndex(), data);
            InetSocketAddress sender = packet.sender();
            Channel ch = ctx.channel();
            try {
                worker.execute(() -> process(ch, data, sender));
            } catch (RejectedExecutionException e) {
                LOG.warn("dhcp: request from {} dropped: worker queue full", sender);
            }
        }

        private void process(Channel ch, byte[] data, InetSocketAddress sender) {
            Optional<DhcpLogic.Reply> reply;
            try {
                reply = logic.handle(data, data.length, sender, pxePort);
            } catch (RuntimeException e) {
                LOG.error("dhcp: request from {} failed", sender, e);
                return;
            }
            if (leaseFile != null && leaseFile.takeDirty()) {
                committer.submit(new Pending(ch, reply.orElse(null)));
            } else {
                reply.ifPresent(r -> send(ch, r));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.error("dhcp: socket error", cause);
        }
    }
}
