package io.rowfs.protocol.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import io.rowfs.protocol.rpc.RpcReplyHeader;
import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls of one client connection that await their replies, matched by xid. One instance per
 * connection; {@link #pending} is owned by the channel's event loop (registration, replies,
 * timeouts and connection loss all run there).
 */
final class PendingCalls extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(PendingCalls.class);
    private static final int REPLY = 1;

    private record Pending(String what, CompletableFuture<RpcReply> future, Runnable cancelTimer) {
    }

    /** Null: timeouts run on the event loop's own scheduler. */
    private final TimeoutScheduler scheduler;

    /** Event loop only. */
    private final Map<Integer, Pending> pending = new HashMap<>();
    /** Event loop only: set when the connection closed; later registrations fail at once. */
    private boolean closed;
    private ChannelHandlerContext ctx;

    PendingCalls(TimeoutScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Event loop only: waits for the reply to {@code xid}, failing after {@code timeout}. */
    boolean register(int xid, String what, CompletableFuture<RpcReply> future, Duration timeout) {
        if (closed || !ctx.channel().isActive()) {
            future.completeExceptionally(new ConnectionLostException(what + ": connection to "
                    + ctx.channel().remoteAddress() + " closed before the call was sent"));
            return false;
        }
        Runnable cancelTimer = startTimer(xid, timeout);
        if (pending.putIfAbsent(xid, new Pending(what, future, cancelTimer)) != null) {
            cancelTimer.run();
            future.completeExceptionally(new RpcClientException(what + ": xid "
                    + Integer.toUnsignedString(xid) + " is already in flight"));
            return false;
        }
        return true;
    }

    private Runnable startTimer(int xid, Duration timeout) {
        if (scheduler == null) {
            ScheduledFuture<?> f = ctx.executor().schedule(() -> expire(xid), timeout.toNanos(),
                    TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        }
        return scheduler.schedule(() -> ctx.executor().execute(() -> expire(xid)), timeout);
    }

    /** Event loop only: the call could not be written. */
    void writeFailed(int xid, Throwable cause) {
        Pending p = pending.remove(xid);
        if (p != null) {
            p.cancelTimer.run();
            p.future.completeExceptionally(new ConnectionLostException(p.what + ": sending failed", cause));
        }
    }

    private void expire(int xid) {
        Pending p = pending.remove(xid);
        if (p != null) {
            p.future.completeExceptionally(new RpcTimeoutException(p.what + ": no reply from "
                    + ctx.channel().remoteAddress() + " in time"));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf record = (ByteBuf) msg;
        RpcReplyHeader header;
        XdrDecoder in = new XdrDecoder(record);
        try {
            int xid = in.readInt();
            int type = in.readInt();
            if (type != REPLY) {
                throw new XdrException("msg_type " + type + " where a REPLY was expected");
            }
            header = RpcReplyHeader.decodeAfterType(xid, in);
        } catch (XdrException e) {
            LOG.warn("dropping a malformed reply from {}: {}", ctx.channel().remoteAddress(), e.getMessage());
            record.release();
            return;
        }
        Pending p = pending.remove(header.xid());
        if (p == null) {
            LOG.debug("dropping the reply to xid {} from {}: no such call in flight (timed out?)",
                    Integer.toUnsignedString(header.xid()), ctx.channel().remoteAddress());
            record.release();
            return;
        }
        p.cancelTimer.run();
        RpcReply reply = new RpcReply(header, record, in);
        if (!p.future.complete(reply)) {
            reply.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        List<Pending> lost = new ArrayList<>(pending.values());
        pending.clear();
        for (Pending p : lost) {
            p.cancelTimer.run();
            p.future.completeExceptionally(new ConnectionLostException(p.what + ": connection to "
                    + ctx.channel().remoteAddress() + " lost before the reply"));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("connection to {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            LOG.warn("closing the connection to {}", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
