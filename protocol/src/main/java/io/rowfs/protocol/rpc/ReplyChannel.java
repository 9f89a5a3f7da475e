package io.rowfs.protocol.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetSocketAddress;

/**
 * Where the replies to one received record go: a TCP connection or a UDP sender. Implemented by
 * the transport; for every record handed to {@link RpcDispatcher#dispatch}, exactly one of
 * {@link #send} or {@link #noReply} is eventually called, possibly from another thread.
 */
public interface ReplyChannel {
    ByteBufAllocator alloc();

    InetSocketAddress remoteAddress();

    Transport transport();

    /** Sends one complete reply message (without framing); takes ownership of {@code reply}. */
    void send(ByteBuf reply);

    /** The record gets no reply (it was not a call, or too broken to answer). */
    void noReply();
}
