package io.rowfs.boot.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.rowfs.boot.BootClients;
import io.rowfs.boot.Transports;
import io.rowfs.boot.files.BootRoot;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP boot server on the boot root. */
public final class HttpBootServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpBootServer.class);
    /** Request line and headers beyond these sizes are refused by the decoder. */
    private static final int MAX_INITIAL_LINE = 4096;
    private static final int MAX_HEADERS = 8192;
    private static final int IDLE_SECONDS = 60;

    private final BootRoot root;
    private final BootClients clients;
    private final EventLoopGroup group;
    private Channel listener;

    public HttpBootServer(BootRoot root, BootClients clients, EventLoopGroup group) {
        this.root = root;
        this.clients = clients;
        this.group = group;
    }

    public InetSocketAddress start(InetSocketAddress bind) throws InterruptedException {
        int[] port = {bind.getPort()};
        ChannelFuture f = new ServerBootstrap().group(group).channel(Transports.server())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new IdleStateHandler(0, 0, IDLE_SECONDS),
                                new ChannelDuplexHandler() {
                                    @Override
                                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                                        if (evt instanceof IdleStateEvent) {
                                            ctx.close();
                                        }
                                    }
                                },
                                new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADERS, 8192),
                                new HttpBootHandler(root, clients, port[0]));
                    }
                })
                .bind(bind).await();
        if (!f.isSuccess()) {
            throw new IllegalStateException("HTTP cannot listen on " + bind + ": " + f.cause().getMessage(), f.cause());
        }
        listener = f.channel();
        InetSocketAddress local = (InetSocketAddress) listener.localAddress();
        port[0] = local.getPort();
        LOG.info("http: serving {} on {}", root.path(), local);
        return local;
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
    }
}
