package io.rowfs.boot;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.unix.RawUnixChannelOption;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Chooses the Netty transport: the native epoll transport when it loads (it is needed for
 * {@code SO_BINDTODEVICE}), NIO otherwise.
 */
public final class Transports {
    /** Linux {@code SOL_SOCKET} and {@code SO_BINDTODEVICE} from asm-generic/socket.h. */
    private static final int SOL_SOCKET = 1;
    private static final int SO_BINDTODEVICE = 25;
    /** Linux IFNAMSIZ: interface names are at most 15 bytes plus a NUL. */
    private static final int IFNAMSIZ = 16;

    /** {@code setsockopt(SOL_SOCKET, SO_BINDTODEVICE, name)} for the epoll transport. */
    public static final RawUnixChannelOption BIND_TO_DEVICE =
            new RawUnixChannelOption("SO_BINDTODEVICE", SOL_SOCKET, SO_BINDTODEVICE, IFNAMSIZ);

    private Transports() {
    }

    public static boolean epoll() {
        return Epoll.isAvailable();
    }

    public static EventLoopGroup group(int threads) {
        return new MultiThreadIoEventLoopGroup(threads,
                epoll() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    public static Class<? extends DatagramChannel> datagram() {
        return epoll() ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    public static Class<? extends ServerSocketChannel> server() {
        return epoll() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** The SO_BINDTODEVICE value for an interface: its name, NUL-padded to IFNAMSIZ bytes. */
    public static ByteBuffer deviceName(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length >= IFNAMSIZ) {
            throw new IllegalArgumentException("interface name '" + name + "' is longer than 15 bytes");
        }
        ByteBuffer buf = ByteBuffer.allocateDirect(IFNAMSIZ);
        buf.put(bytes);
        buf.position(0);
        return buf;
    }
}
