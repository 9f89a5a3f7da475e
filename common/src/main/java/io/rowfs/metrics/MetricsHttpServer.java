package io.rowfs.metrics;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Serves {@code GET /metrics} (Prometheus text) for one registry. Other paths get 404, other
 * methods 405; request bodies over 8 KiB are refused by the aggregator. Rendering is cheap and runs
 * on the event loop, one NIO thread of its own (a few requests a minute need no epoll; this module
 * stays free of the RPC transport).
 */
public final class MetricsHttpServer implements AutoCloseable {
    /** The port rowfs servers serve metrics on unless told otherwise, and where {@code rowfs stats} looks. */
    public static final int DEFAULT_PORT = 9477;
    private static final int MAX_REQUEST = 8192;
    private final EventLoopGroup loops;
    private final Channel channel;

    private MetricsHttpServer(EventLoopGroup loops, Channel channel) {
        this.loops = loops;
        this.channel = channel;
    }

    /** Binds {@code listen} (port 0 = ephemeral); fails with a clear message when the port is taken. */
    public static MetricsHttpServer start(InetSocketAddress listen, MetricsRegistry registry) throws IOException {
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        var bound = new ServerBootstrap()
                .group(loops)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel c) {
                        c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST),
                                new Handler(registry));
                    }
                })
                .bind(listen).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            shutDown(loops);
            throw new IOException("cannot serve metrics on " + listen + ": " + bound.cause().getMessage(), bound.cause());
        }
        return new MetricsHttpServer(loops, bound.channel());
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        shutDown(loops);
    }

    /** Shuts the loop down and waits for it (at most a few seconds). */
    private static void shutDown(EventLoopGroup loops) {
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final MetricsRegistry registry;

        Handler(MetricsRegistry registry) {
            this.registry = registry;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            FullHttpResponse resp;
            String path = req.uri().split("\\?", 2)[0];
            if (!req.method().equals(HttpMethod.GET) && !req.method().equals(HttpMethod.HEAD)) {
                resp = text(req, HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET\n");
            } else if (!path.equals("/metrics")) {
                resp = text(req, HttpResponseStatus.NOT_FOUND, "try /metrics\n");
            } else {
                resp = text(req, HttpResponseStatus.OK, PrometheusText.render(registry));
                resp.headers().set(HttpHeaderNames.CONTENT_TYPE, PrometheusText.CONTENT_TYPE);
            }
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            HttpUtil.setKeepAlive(resp, keepAlive);
            var f = ctx.writeAndFlush(resp);
            if (!keepAlive) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        }

        private static FullHttpResponse text(FullHttpRequest req, HttpResponseStatus status, String body) {
            ByteBuf content = req.method().equals(HttpMethod.HEAD) ? Unpooled.EMPTY_BUFFER
                    : Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
            FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
            resp.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            resp.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.getBytes(StandardCharsets.UTF_8).length);
            return resp;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
