package io.rowfs.protocol.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.rowfs.protocol.rpc.ReplyChannel;
import io.rowfs.protocol.rpc.RpcDispatcher;
import io.rowfs.protocol.rpc.Transport;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin UDP side: each datagram is one record (RFC 5531 section 11 has no marking on UDP); it
 * goes to the dispatcher and the reply goes back to the datagram's sender. Stateless, shareable.
 */
@ChannelHandler.Sharable
final class UdpRpcHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final Logger LOG = LoggerFactory.getLogger(UdpRpcHandler.class);

    private final RpcDispatcher dispatcher;

    UdpRpcHandler(RpcDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        dispatcher.dispatch(packet.content(), new Replies(ctx.channel(), packet.sender()));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("UDP socket {}: {}", ctx.channel().localAddress(), cause.toString());
    }

    private record Replies(Channel channel, InetSocketAddress sender) implements ReplyChannel {
        @Override
        public ByteBufAllocator alloc() {
            return channel.alloc();
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return sender;
        }

        @Override
        public Transport transport() {
            return Transport.UDP;
        }

        @Override
        public void send(ByteBuf reply) {
            channel.writeAndFlush(new DatagramPacket(reply, sender), channel.voidPromise());
        }

        @Override
        public void noReply() {
        }
    }
}
