package io.rowfs.boot.tftp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one read transfer on its own ephemeral-port channel (the server's transfer id; with the
 * epoll transport only windowed transfers, lock step runs in {@link LockStepTransfer}): sends
 * what {@link ReadTransfer} asks for, feeds it ACKs from the client, answers packets from any other
 * address or port with ERROR 5 (on epoll the channel is connected to the client and its
 * {@link UnknownTidHandler} twin on the same port does that), and runs the retransmission timer (one pending task that checks
 * for progress, doubling the timeout after each retransmission up to 8 times the first).
 *
 * <p>Every field is owned by the channel's event loop.
 */
final class TftpTransferHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final Logger LOG = LoggerFactory.getLogger(TftpTransferHandler.class);

    private final InetSocketAddress client;
    private final String name;
    private final ByteBuffer content;
    /** {@link #content} as a ByteBuf, to copy from without a slice per packet; never released (not pooled). */
    private final ByteBuf source;
    private final Negotiation negotiation;
    private final ReadTransfer transfer;
    private final long baseTimeoutNanos;
    private final Runnable onClose;
    /** The channel is connected to the client: lock-step DATA goes out as a plain buffer (send, not sendto). */
    private final boolean connected;
    /**
     * The lock-step DATA buffer, rewritten for every block: the pipeline gets a retained reference
     * and releases it once the datagram is sent, so after an ACK it is ours alone again (if it is not,
     * a block is still queued and a fresh buffer is used). Released when the channel closes.
     */
    private ByteBuf lockStep;
    private long lastProgress;
    private long startNanos;
    private boolean finished;

    TftpTransferHandler(InetSocketAddress client, String name, ByteBuffer content, Negotiation negotiation,
                        TftpConfig config, boolean connected, Runnable onClose) {
        this.client = client;
        this.name = name;
        this.content = content;
        this.source = Unpooled.wrappedBuffer(content);
        this.negotiation = negotiation;
        this.transfer = new ReadTransfer(content.remaining(), negotiation.blksize(), negotiation.windowsize(),
                !negotiation.oack().isEmpty(), config.maxRetries());
        this.baseTimeoutNanos = negotiation.timeoutSeconds() > 0
                ? TimeUnit.SECONDS.toNanos(negotiation.timeoutSeconds()) : config.timeout().toNanos();
        this.onClose = onClose;
        this.connected = connected;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        startNanos = System.nanoTime();
        lastProgress = startNanos;
        ctx.channel().closeFuture().addListener(f -> onClose.run());
        send(ctx, transfer.start());
        scheduleTimer(ctx, baseTimeoutNanos);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf buf = packet.content();
        if (!packet.sender().equals(client)) {
            LOG.info("tftp: packet from {} on the transfer of {} to {}: ERROR 5", packet.sender(), name, client);
            ctx.writeAndFlush(new DatagramPacket(
                    TftpPackets.error(ctx.alloc(), TftpPackets.ERR_UNKNOWN_TID, "Unknown transfer ID"),
                    packet.sender()));
            return;
        }
        if (finished || buf.readableBytes() < 4) {
            return;
        }
        int opcode = buf.getUnsignedShort(buf.readerIndex());
        if (opcode == TftpPackets.ACK) {
            ReadTransfer.Burst burst = transfer.onAck(buf.getUnsignedShort(buf.readerIndex() + 2));
            if (transfer.done()) {
                finish(ctx, null);
            } else if (!burst.isEmpty()) {
                lastProgress = System.nanoTime();
                send(ctx, burst);
            }
        } else if (opcode == TftpPackets.ERROR) {
            int code = buf.getUnsignedShort(buf.readerIndex() + 2);
            if (code == TftpPackets.ERR_OPTION && transfer.acked() == 0) {
                LOG.info("tftp: {} probed the size of {} ({} bytes) and ended the transfer (ERROR 8)",
                        client, name, content.remaining());
                finished = true;
                ctx.close();
            } else {
                finish(ctx, "client sent ERROR " + code);
            }
        }
        // anything else from the client (a DATA, a repeated request) is ignored
    }

    private void send(ChannelHandlerContext ctx, ReadTransfer.Burst burst) {
        if (burst.oack()) {
            ctx.writeAndFlush(new DatagramPacket(TftpPackets.oack(ctx.alloc(), negotiation.oack()), client),
                    ctx.voidPromise());
            return;
        }
        int perSegment = Segmentation.packetsPerSend(negotiation.blksize());
        if (perSegment > 1 && burst.last() > burst.first() && Segmentation.usable(ctx.channel())) {
            for (long b = burst.first(); b <= burst.last(); b += perSegment) {
                long last = Math.min(burst.last(), b + perSegment - 1);
                ByteBuf buf = ctx.alloc().directBuffer((int) (last - b + 1) * (4 + negotiation.blksize()));
                for (long i = b; i <= last; i++) {
                    appendData(buf, i);
                }
                long first = b;
                ctx.write(Segmentation.packet(buf, 4 + negotiation.blksize(), client)).addListener(f -> {
                    if (!f.isSuccess()) {
                        Segmentation.disable(f.cause());
                        sendEach(ctx, first, last); // the kernel refused GSO: resend as single packets
                    }
                });
            }
            ctx.flush();
            return;
        }
        sendEach(ctx, burst.first(), burst.last());
    }

    private void sendEach(ChannelHandlerContext ctx, long first, long last) {
        if (first == last) { // lock step: one packet, one pass through the pipeline, no allocation
            ByteBuf data = lockStepBuffer(ctx);
            appendData(data, first);
            ctx.writeAndFlush(connected ? data : new DatagramPacket(data, client), ctx.voidPromise());
            return;
        }
        for (long b = first; b <= last; b++) {
            ByteBuf data = ctx.alloc().directBuffer(4 + negotiation.blksize());
            appendData(data, b);
            ctx.write(new DatagramPacket(data, client), ctx.voidPromise());
        }
        ctx.flush();
    }

    private ByteBuf lockStepBuffer(ChannelHandlerContext ctx) {
        if (lockStep == null) {
            lockStep = ctx.alloc().directBuffer(4 + negotiation.blksize());
        }
        if (lockStep.refCnt() != 1) { // the previous block is still queued: leave it to the pipeline
            lockStep.release();
            lockStep = ctx.alloc().directBuffer(4 + negotiation.blksize());
        }
        return lockStep.clear().retain();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (lockStep != null) {
            lockStep.release();
            lockStep = null;
        }
    }

    /** Appends DATA packet {@code block} (header and payload) to {@code buf}. */
    private void appendData(ByteBuf buf, long block) {
        int blksize = negotiation.blksize();
        int off = (int) ReadTransfer.offset(block, blksize);
        int len = Math.max(0, Math.min(blksize, content.limit() - off));
        buf.writeShort(TftpPackets.DATA).writeShort(TftpPackets.wireBlock(block));
        buf.writeBytes(source, off, len);
    }

    private void scheduleTimer(ChannelHandlerContext ctx, long delayNanos) {
        ctx.executor().schedule(() -> onTimer(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void onTimer(ChannelHandlerContext ctx) {
        if (finished || !ctx.channel().isActive()) {
            return;
        }
        long timeout = baseTimeoutNanos << Math.min(transfer.retries(), 3);
        long idle = System.nanoTime() - lastProgress;
        if (idle < timeout) {
            scheduleTimer(ctx, timeout - idle);
            return;
        }
        ReadTransfer.Burst burst = transfer.onTimeout();
        if (burst == null) {
            ctx.writeAndFlush(new DatagramPacket(
                    TftpPackets.error(ctx.alloc(), TftpPackets.ERR_UNDEFINED, "Timed out"), client));
            finish(ctx, "no answer after " + transfer.retries() + " tries");
            return;
        }
        LOG.debug("tftp: timeout on {} to {}, resending (try {})", name, client, transfer.retries());
        lastProgress = System.nanoTime();
        send(ctx, burst);
        scheduleTimer(ctx, baseTimeoutNanos << Math.min(transfer.retries(), 3));
    }

    private void finish(ChannelHandlerContext ctx, String failure) {
        finished = true;
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        if (failure == null) {
            LOG.info("tftp: sent {} to {}: {} bytes in {} ms (blksize {}, windowsize {})", name, client,
                    content.remaining(), ms, negotiation.blksize(), negotiation.windowsize());
        } else {
            LOG.warn("tftp: transfer of {} to {} aborted after {} ms: {}", name, client, ms, failure);
        }
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (finished) {
            return; // a read already under way when the transfer closed its channel
        }
        LOG.error("tftp: transfer of {} to {} failed", name, client, cause);
        finished = true;
        ctx.close();
    }
}
