package io.rowfs.protocol.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reassembles RPC records from TCP record marking (RFC 5531 section 11) and emits each whole
 * record as one {@link ByteBuf}.
 * <pre>
 *   +---+-------------------------------+------------------------+
 *   | L |  fragment length (31 bits)    |  fragment bytes ...    |   repeated until L = 1
 *   +---+-------------------------------+------------------------+
 *   L = 1 on the last fragment of a record
 * </pre>
 * The total length of a record is checked against {@code maxRecordSize} as soon as each fragment
 * header arrives, before its bytes are buffered. A record over the cap, or an empty fragment that
 * is not the last, closes this connection (logged with the peer) and discards what follows.
 * State is owned by the channel's event loop.
 */
public final class RecordMarkingDecoder extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(RecordMarkingDecoder.class);
    static final int LAST_FRAGMENT = 0x8000_0000;
    static final int HEADER = 4;

    private final int maxRecordSize;
    /**
     * The record being reassembled from several fragments, or null between records. Fragments are
     * copied into one buffer (a composite of many tiny fragments would cost far more than their
     * bytes); a record that arrives as a single fragment is passed on as a slice, without a copy.
     */
    private ByteBuf partial;
    private boolean failed;

    public RecordMarkingDecoder(int maxRecordSize) {
        if (maxRecordSize <= 0) throw new IllegalArgumentException("max record size must be positive");
        this.maxRecordSize = maxRecordSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (!failed && in.readableBytes() >= HEADER) {
            int header = in.getInt(in.readerIndex());
            boolean last = (header & LAST_FRAGMENT) != 0;
            int length = header & ~LAST_FRAGMENT;
            long total = (long) buffered() + length;
            if (length == 0 && !last) {
                fail(ctx, in, "an empty fragment that is not the last");
                return;
            }
            if (total > maxRecordSize) {
                fail(ctx, in, "a record of at least " + total + " bytes, over the limit of "
                        + maxRecordSize);
                return;
            }
            if (in.readableBytes() < HEADER + length) {
                return;
            }
            in.skipBytes(HEADER);
            if (last && partial == null) {
                out.add(in.readRetainedSlice(length));
                continue;
            }
            if (partial == null) {
                partial = ctx.alloc().buffer(length, maxRecordSize);
            }
            partial.writeBytes(in, length);
            if (last) {
                out.add(partial);
                partial = null;
            }
        }
        if (failed) {
            in.skipBytes(in.readableBytes());
        }
    }

    private int buffered() {
        return partial == null ? 0 : partial.readableBytes();
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, String what) {
        LOG.warn("closing the connection from {}: it sent {}", ctx.channel().remoteAddress(), what);
        failed = true;
        in.skipBytes(in.readableBytes());
        releasePartial();
        ctx.close();
    }

    private void releasePartial() {
        if (partial != null) {
            partial.release();
            partial = null;
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        releasePartial();
    }
}
