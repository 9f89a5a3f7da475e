package io.rowfs.protocol.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.rowfs.protocol.rpc.ReplyChannel;
import io.rowfs.protocol.rpc.RpcDispatcher;
import io.rowfs.protocol.rpc.Transport;
import io.rowfs.protocol.xdr.FileSlice;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each reassembled TCP record to the dispatcher and writes the replies back.
 *
 * <p>Back-pressure: a call is outstanding from its dispatch until its reply has been written to
 * the socket (not merely queued). Once {@code maxOutstanding} calls are outstanding, or the replies
 * written to the channel and not yet taken by the socket hold {@code maxUnsentBytes} of memory,
 * reading stops (autoRead off) and records already read wait (in order); reading resumes when none
 * wait, at most half the calls are outstanding and at most half the bytes unsent. So a client that
 * sends small calls for large replies and reads none of them (a 100-byte READ call asks for up to
 * 1 MiB) is stopped once the socket buffers and that much memory are full, instead of growing the
 * server's memory by a reply per call. Bytes sent from a file (sendfile) hold no memory and are not
 * counted.
 *
 * <p>One instance per connection; its fields are owned by the channel's event loop (replies from
 * other threads hop onto it).
 */
final class TcpRpcHandler extends SimpleChannelInboundHandler<ByteBuf> {
    private static final Logger LOG = LoggerFactory.getLogger(TcpRpcHandler.class);

    private final RpcDispatcher dispatcher;
    private final int maxOutstanding;
    private final long maxUnsentBytes;
    /** Calls dispatched and not yet answered; event loop only. */
    private int outstanding;
    /** Bytes of replies written to the channel and not yet taken by the socket; event loop only. */
    private long unsentBytes;
    /**
     * Records read before reading paused, waiting for a free slot; event loop only. Bounded by one
     * read cycle: once autoRead is off no further bytes are read.
     */
    private final ArrayDeque<ByteBuf> waiting = new ArrayDeque<>();
    /** Event loop only: guards {@link #finished} against re-entry from synchronous replies. */
    private boolean draining;

    TcpRpcHandler(RpcDispatcher dispatcher, int maxOutstanding, long maxUnsentBytes) {
        this.dispatcher = dispatcher;
        this.maxOutstanding = maxOutstanding;
        this.maxUnsentBytes = maxUnsentBytes;
    }

    /** Whether another call may be dispatched now. */
    private boolean room() {
        return outstanding < maxOutstanding && unsentBytes < maxUnsentBytes;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf record) {
        if (!room() || !waiting.isEmpty()) {
            waiting.add(record.retain());
            return;
        }
        dispatch(ctx.channel(), record);
    }

    /** Event loop only. The caller keeps ownership of {@code record}. */
    private void dispatch(Channel channel, ByteBuf record) {
        outstanding++;
        pauseReadsUnlessRoom(channel);
        dispatcher.dispatch(record, new Replies(channel));
    }

    private void pauseReadsUnlessRoom(Channel channel) {
        if (!room() && channel.config().isAutoRead()) {
            LOG.debug("{} has {} calls outstanding and {} reply bytes unsent: pausing reads", channel.remoteAddress(),
                    outstanding, unsentBytes);
            channel.config().setAutoRead(false);
        }
    }

    /** Event loop only: writes a reply holding {@code memoryBytes} of memory; the call ends once it is in the socket. */
    private void write(Channel channel, Object reply, int memoryBytes) {
        unsentBytes += memoryBytes;
        channel.writeAndFlush(reply).addListener(f -> {
            unsentBytes -= memoryBytes;
            if (!f.isSuccess()) {
                LOG.debug("reply to {} not sent: {}", channel.remoteAddress(), String.valueOf(f.cause()));
                channel.close();
            }
            finished(channel);
        });
        pauseReadsUnlessRoom(channel);
    }

    /** Event loop only: one call of this connection is finished. */
    private void finished(Channel channel) {
        outstanding--;
        if (draining) return;
        draining = true;
        try {
            while (!waiting.isEmpty() && room()) {
                ByteBuf next = waiting.poll();
                try {
                    dispatch(channel, next);
                } finally {
                    next.release();
                }
            }
        } finally {
            draining = false;
        }
        if (waiting.isEmpty() && outstanding <= maxOutstanding / 2 && unsentBytes <= maxUnsentBytes / 2
                && !channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        dropWaiting();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        dropWaiting();
    }

    /** Records nobody will answer any more: the connection is gone. */
    private void dropWaiting() {
        for (ByteBuf b; (b = waiting.poll()) != null; ) {
            b.release();
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
                write(channel, reply, reply.readableBytes());
            } else if (!onEventLoop(() -> send(reply))) {
                reply.release();
            }
        }

        @Override
        public boolean sendsFiles() {
            return true;
        }

        @Override
        public void send(ByteBuf head, FileSlice tail) {
            if (channel.eventLoop().inEventLoop()) {
                write(channel, new FileTailedRecord(head, tail), head.readableBytes());
            } else if (!onEventLoop(() -> send(head, tail))) {
                new FileTailedRecord(head, tail).release();
            }
        }

        @Override
        public void noReply() {
            if (channel.eventLoop().inEventLoop()) {
                finished(channel);
            } else {
                onEventLoop(this::noReply);
            }
        }

        /** False when the loop is gone (the server closed): the late reply is dropped. */
        private boolean onEventLoop(Runnable task) {
            try {
                channel.eventLoop().execute(task);
                return true;
            } catch (RejectedExecutionException e) {
                LOG.debug("dropping a reply to {}: the server is closed", channel.remoteAddress());
                return false;
            }
        }
    }
}
