package io.rowfs.boot.tftp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unconnected twin of a connected transfer channel (both bound to the transfer's port with
 * SO_REUSEPORT): the kernel gives the connected channel every packet from the client's address and
 * port, and this one everything else, which it answers with ERROR 5 (unknown transfer ID).
 * Packets from the client itself (possible only while the connected channel is being set up or
 * closed) are ignored.
 */
final class UnknownTidHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final Logger LOG = LoggerFactory.getLogger(UnknownTidHandler.class);

    private final InetSocketAddress client;
    private final String name;

    UnknownTidHandler(InetSocketAddress client, String name) {
        this.client = client;
        this.name = name;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        if (packet.sender().equals(client)) {
            return;
        }
        LOG.info("tftp: packet from {} on the transfer of {} to {}: ERROR 5", packet.sender(), name, client);
        ctx.writeAndFlush(new DatagramPacket(
                TftpPackets.error(ctx.alloc(), TftpPackets.ERR_UNKNOWN_TID, "Unknown transfer ID"),
                packet.sender()));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("tftp: unknown-TID socket of the transfer of {} to {}: {}", name, client, cause.toString());
    }
}
