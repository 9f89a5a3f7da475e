package io.rowfs.protocol.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.rowfs.protocol.xdr.FileSlice;
import io.rowfs.protocol.xdr.XdrEncoder;
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

    /**
     * Whether {@link #send(ByteBuf, FileSlice)} sends file bytes from the file (a stream transport,
     * with sendfile); if not, the replier copies them into the message and calls {@link #send(ByteBuf)}.
     */
    default boolean sendsFiles() {
        return false;
    }

    /**
     * Sends one reply message made of {@code head}, then {@code tail}'s bytes, then their XDR
     * padding (see {@link XdrEncoder#writeOpaqueTail}); takes ownership of both. Only called when
     * {@link #sendsFiles()}.
     */
    default void send(ByteBuf head, FileSlice tail) {
        head.release();
        tail.release();
        throw new UnsupportedOperationException("this reply channel does not send file bytes");
    }

    /** The record gets no reply (it was not a call, or too broken to answer). */
    void noReply();
}
