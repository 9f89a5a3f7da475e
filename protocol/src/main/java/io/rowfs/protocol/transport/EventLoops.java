package io.rowfs.protocol.transport;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * An event loop group with the matching channel classes: epoll when the native transport loads,
 * NIO otherwise. Servers and clients may share one; whoever creates it closes it.
 */
public final class EventLoops implements AutoCloseable {
    private final EventLoopGroup group;
    private final boolean epoll;

    private EventLoops(EventLoopGroup group, boolean epoll) {
        this.group = group;
        this.epoll = epoll;
    }

    /** A new group of {@code threads} loops (0 = Netty's default), epoll if available. */
    public static EventLoops create(int threads) {
        return create(threads, 0, () -> false);
    }

    /**
     * As above; with epoll, an idle loop polls for up to {@code spinNanos} before it blocks, while
     * {@code worthIt} (see {@link SpinBeforeBlocking}; 0: it blocks at once).
     */
    public static EventLoops create(int threads, long spinNanos, BooleanSupplier worthIt) {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory factory = !epoll ? NioIoHandler.newFactory()
                : spinNanos > 0 ? EpollIoHandler.newFactory(0, SpinBeforeBlocking.factory(spinNanos, worthIt))
                : EpollIoHandler.newFactory();
        return new EventLoops(new MultiThreadIoEventLoopGroup(threads, factory), epoll);
    }

    public EventLoopGroup group() {
        return group;
    }

    public boolean isEpoll() {
        return epoll;
    }

    public Class<? extends ServerChannel> serverSocketChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public Class<? extends SocketChannel> socketChannel() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public Class<? extends DatagramChannel> datagramChannel() {
        return epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    /** The client channel class for Unix domain sockets. */
    public Class<? extends Channel> domainSocketChannel() {
        return epoll ? EpollDomainSocketChannel.class : NioDomainSocketChannel.class;
    }

    /** The address of the Unix domain socket at {@code path}, in the form this transport wants. */
    public SocketAddress domainSocketAddress(Path path) {
        return epoll ? new DomainSocketAddress(path.toString()) : UnixDomainSocketAddress.of(path);
    }

    /** Shuts the loops down and waits for them (at most a few seconds). */
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
