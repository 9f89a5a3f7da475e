package io.rowfs.boot.tftp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.unix.SegmentedDatagramPacket;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UDP generic segmentation offload ({@code UDP_SEGMENT}, Linux 4.18+): a window of DATA packets of
 * equal size (only the last may be shorter) goes to the kernel as one buffer in one send and is
 * split into datagrams below the socket layer, which saves most of the per-packet cost of a
 * windowed transfer. One send carries at most {@link #MAX_SEGMENTS} packets and at most
 * {@link #MAX_BYTES} bytes (one IPv4 datagram's worth). If the kernel refuses it (a device without
 * checksum offload answers EIO), it is switched off for the whole process.
 */
final class Segmentation {
    private static final Logger LOG = LoggerFactory.getLogger(Segmentation.class);
    /** UDP_MAX_SEGMENTS in older kernels. */
    static final int MAX_SEGMENTS = 64;
    /** 65535 minus the IPv4 (20) and UDP (8) headers. */
    static final int MAX_BYTES = 65507;
    private static volatile boolean disabled = !EpollDatagramChannel.isSegmentedDatagramPacketSupported()
            || Boolean.getBoolean("rowfs.tftp.noGso");

    private Segmentation() {
    }

    /** How many DATA packets of {@code blksize} one segmented send may carry (1: do not segment). */
    static int packetsPerSend(int blksize) {
        return Math.min(MAX_SEGMENTS, MAX_BYTES / (4 + blksize));
    }

    static boolean usable(Channel ch) {
        return !disabled && ch instanceof EpollDatagramChannel;
    }

    static DatagramPacket packet(ByteBuf buf, int segmentSize, InetSocketAddress to) {
        return new SegmentedDatagramPacket(buf, segmentSize, to);
    }

    static void disable(Throwable cause) {
        if (!disabled) {
            disabled = true;
            LOG.warn("tftp: UDP segmentation offload refused ({}); sending single packets from now on",
                    cause.toString());
        }
    }
}
