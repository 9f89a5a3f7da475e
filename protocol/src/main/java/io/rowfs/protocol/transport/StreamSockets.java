package io.rowfs.protocol.transport;

import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;

/**
 * Socket settings shared by the record-marking TCP server and client. Reads grow from 2 KiB up to
 * {@link #MAX_READ} when they keep filling their buffer (Netty's default stops at 64 KiB, which
 * splits a 1 MiB WRITE into 16 or more reads and as many trips through the pipeline).
 */
public final class StreamSockets {
    /** Largest single socket read. */
    public static final int MAX_READ = Integer.getInteger("rowfs.recvmax", 1 << 20);

    private StreamSockets() {
    }

    /** A fresh allocator for one channel's reads. */
    public static RecvByteBufAllocator recvAllocator() {
        return new AdaptiveRecvByteBufAllocator(64, 2048, MAX_READ);
    }
}
