package io.rowfs.protocol.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.rowfs.protocol.transport.EventLoops;
import io.rowfs.protocol.transport.RecordMarkingDecoder;
import io.rowfs.protocol.transport.RecordMarkingEncoder;
import io.rowfs.protocol.transport.StreamSockets;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the client's channel: TCP with record marking, a connected UDP socket, or a Unix domain
 * socket with record marking, each ending in a fresh {@link PendingCalls}. With a privileged source
 * port it walks down from {@link #PRIVILEGED_HIGH} to {@link #PRIVILEGED_LOW} past ports in use, as
 * bindresvport does. Immutable; thread-safe.
 */
final class Connector {
    private static final Logger LOG = LoggerFactory.getLogger(Connector.class);
    static final int PRIVILEGED_HIGH = 1023;
    static final int PRIVILEGED_LOW = 600;
    /** Largest UDP reply read. */
    static final int MAX_DATAGRAM = 65536;

    private final Bootstrap bootstrap;
    private final SocketAddress server;
    private final boolean privilegedPort;

    Connector(EventLoops loops, SocketAddress server, Transport transport, boolean privilegedPort,
              int maxRecordSize, Duration connectTimeout, TimeoutScheduler scheduler) {
        this.server = server;
        this.privilegedPort = privilegedPort && transport != Transport.UNIX;
        Bootstrap b = new Bootstrap().group(loops.group())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis());
        switch (transport) {
            case UDP -> b.channel(loops.datagramChannel())
                    .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM));
            case TCP -> StreamSockets.configure(b.channel(loops.socketChannel()));
            case UNIX -> b.channel(loops.domainSocketChannel());
        }
        b.handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                if (transport == Transport.UDP) {
                    ch.pipeline().addLast(DatagramReplies.INSTANCE);
                } else {
                    ch.pipeline().addLast(new RecordMarkingDecoder(maxRecordSize), RecordMarkingEncoder.INSTANCE);
                }
                ch.pipeline().addLast(new PendingCalls(scheduler));
            }
        });
        this.bootstrap = b;
    }

    /** How the client reaches its server. */
    enum Transport { TCP, UDP, UNIX }

    SocketAddress server() {
        return server;
    }

    /** A new channel to the server, or a {@link ConnectionLostException}. */
    CompletableFuture<Channel> connect() {
        CompletableFuture<Channel> result = new CompletableFuture<>();
        connect(result, privilegedPort ? PRIVILEGED_HIGH : 0);
        return result;
    }

    private void connect(CompletableFuture<Channel> result, int localPort) {
        ChannelFuture f = localPort == 0 ? bootstrap.connect(server)
                : bootstrap.connect(server, new InetSocketAddress(localPort));
        f.addListener((ChannelFuture done) -> {
            if (done.isSuccess()) {
                LOG.debug("connected to {} from {}", server, done.channel().localAddress());
                result.complete(done.channel());
            } else if (localPort > PRIVILEGED_LOW && portInUse(done.cause())) {
                connect(result, localPort - 1);
            } else {
                result.completeExceptionally(new ConnectionLostException("cannot connect to "
                        + server + (localPort > 0 ? " from privileged port " + localPort : "")
                        + ": " + done.cause().getMessage(), done.cause()));
            }
        });
    }

    /** A privileged port already taken: try the next one (a refused permission is final). */
    static boolean portInUse(Throwable cause) {
        String m = String.valueOf(cause.getMessage());
        return cause instanceof BindException && !m.contains("ermission")
                || m.contains("Address already in use") || m.contains("Cannot assign requested address");
    }
}
