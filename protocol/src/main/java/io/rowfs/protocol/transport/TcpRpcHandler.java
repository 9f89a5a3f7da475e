package io.rowfs.protocol.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.rowfs.protocol.rpc.ReplyChannel;
import io.rowfs.protocol.rpc.RpcDispatcher;
import io.rowfs.protocol.rpc.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each reassembled TCP record to the dispatcher and writes the replies back. Back-pressure:
 * once {@code maxOutstanding} calls of this connection await their replies, reading stops
 * (autoRead off) until half of them are answered. One instance per connection; {@link #outstanding}
 * is owned by the channel's event loop (replies from other threads hop onto it).
 */
final class TcpRpcHandler extends SimpleChannelInboundHandler<ByteBuf> {
    private static final Logger LOG = LoggerFactory.getLogger(TcpRpcHandler.class);

    private final RpcDispatcher dispatcher;
    private final int maxOutstanding;
    /** Calls dispatched and not yet answered; event loop only. */
    private int outstanding;

    TcpRpcHandler(RpcDispatcher dispatcher, int maxOutstanding) {
        this.dispatcher = dispatcher;
        this.maxOutstanding = maxOutstanding;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf record) {
        outstanding++;
        if (outstanding >= maxOutstanding && ctx.channel().config().isAutoRead()) {
            LOG.debug("{} has {} calls outstanding: pausing reads", ctx.channel().remoteAddress(), outstanding);
            ctx.channel().config().setAutoRead(false);
        }
        dispatcher.dispatch(record, new Replies(ctx.channel()));
    }

    /** Event loop only: one call of this connection is finished. */
    private void finished(Channel channel) {
        outstanding--;
        if (outstanding <= maxOutstanding / 2 && !channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            LOG.warn("closing the connection from {}", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }

    /** The reply path of one record on this connection. */
    private final class Replies implements ReplyChannel {
        private final Channel channel;

        Replies(Channel channel) {
            this.channel = channel;
        }

        @Override
        public ByteBufAllocator alloc() {
            return channel.alloc();
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return (InetSocketAddress) channel.remoteAddress();
        }

        @Override
        public Transport transport() {
            return Transport.TCP;
        }

        @Override
        public void send(ByteBuf reply) {
            if (channel.eventLoop().inEventLoop()) {
                channel.writeAndFlush(reply, channel.voidPromise());
                finished(channel);
            } else {
                channel.eventLoop().execute(() -> send(reply));
            }
        }

        @Override
        public void noReply() {
            if (channel.eventLoop().inEventLoop()) {
                finished(channel);
            } else {
                channel.eventLoop().execute(this::noReply);
            }
        }
    }
}
