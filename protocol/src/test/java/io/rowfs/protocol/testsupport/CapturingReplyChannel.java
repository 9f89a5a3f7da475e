package io.rowfs.protocol.testsupport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.rowfs.protocol.rpc.ReplyChannel;
import io.rowfs.protocol.rpc.Transport;
import java.net.InetSocketAddress;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A reply channel that keeps each reply as bytes, for dispatcher tests. Thread-safe. */
public final class CapturingReplyChannel implements ReplyChannel {
    /** Marks a {@link #noReply()} in the queue. */
    public static final byte[] NO_REPLY = new byte[0];
    private final LinkedBlockingQueue<byte[]> replies = new LinkedBlockingQueue<>();
    private final InetSocketAddress remote;

    public CapturingReplyChannel(InetSocketAddress remote) {
        this.remote = remote;
    }

    public CapturingReplyChannel() {
        this(new InetSocketAddress("127.0.0.1", 999));
    }

    @Override
    public ByteBufAllocator alloc() {
        return UnpooledByteBufAllocator.DEFAULT;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public Transport transport() {
        return Transport.TCP;
    }

    @Override
    public void send(ByteBuf reply) {
        byte[] bytes = new byte[reply.readableBytes()];
        reply.readBytes(bytes);
        reply.release();
        replies.add(bytes);
    }

    @Override
    public void noReply() {
        replies.add(NO_REPLY);
    }

    /** The next reply (or {@link #NO_REPLY}), waiting up to 5 s; fails when none comes. */
    public byte[] next() throws InterruptedException {
        byte[] r = replies.poll(5, TimeUnit.SECONDS);
        if (r == null) throw new AssertionError("no reply within 5 s");
        return r;
    }

    public boolean isEmpty() {
        return replies.isEmpty();
    }
}
