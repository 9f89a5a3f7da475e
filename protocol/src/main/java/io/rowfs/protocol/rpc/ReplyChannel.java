package io.rowfs.protocol.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.rowfs.protocol.xdr.FileSlice;
import io.rowfs.protocol.xdr.MessageBuffers;
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
     * Sends one reply message made of {@code head}, then {@code tail}'s bytes, then their XDR
     * padding (see {@link XdrEncoder#writeOpaqueTail}); takes ownership of both. This default
     * copies the bytes in and sends one buffer; a stream transport sends them from the file.
     */
    default void send(ByteBuf head, FileSlice tail) {
        try {
            ByteBuf data = alloc().directBuffer(tail.length());
            try {
                tail.readInto(data);
            } catch (RuntimeException | Error e) {
                data.release();
                throw e;
            }
            MessageBuffers.append(head, data);
            XdrEncoder.writePadding(head, XdrEncoder.tailPadding(tail));
        } catch (RuntimeException | Error e) {
            head.release();
            throw e;
        } finally {
            tail.release();
        }
        send(head);
    }

    /** The record gets no reply (it was not a call, or too broken to answer). */
    void noReply();
}
