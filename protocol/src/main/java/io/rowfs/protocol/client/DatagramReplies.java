package io.rowfs.protocol.client;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/** The client's thin UDP side: each datagram's content is one reply record. Shareable. */
@ChannelHandler.Sharable
final class DatagramReplies extends MessageToMessageDecoder<DatagramPacket> {
    static final DatagramReplies INSTANCE = new DatagramReplies();

    private DatagramReplies() {
        super(DatagramPacket.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
        out.add(packet.content().retain());
    }
}
