package io.rowfs.protocol.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
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
 *
 * <p>Buffering, so that a 1 MiB WRITE is neither copied nor regrown on its way in:
 * <ul>
 *   <li>a record whose single fragment is already in hand is passed on as a slice of what was
 *       read;</li>
 *   <li>otherwise the record is a composite: every piece of at least {@link #MIN_SLICE} bytes, as
 *       the socket reads deliver it, becomes a component (a retained slice of the read buffer, no
 *       copy); smaller pieces (a peer dribbling bytes) are copied into a {@link #MIN_SLICE}-byte
 *       tail that joins the composite when full or at the end of the fragment, so components stay
 *       at most two per {@link #MIN_SLICE} bytes whatever the peer does.</li>
 * </ul>
 * The cumulation thus never holds more than a partial header. State is owned by the channel's
 * event loop.
 */
public final class RecordMarkingDecoder extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(RecordMarkingDecoder.class);
    public static final int LAST_FRAGMENT = 0x8000_0000;
    static final int HEADER = 4;
    /** Pieces at least this large are kept as slices; smaller ones are copied into the tail. */
    static final int MIN_SLICE = 8192;

    private final int maxRecordSize;
    /** The record being reassembled, or null between records; event loop only. */
    private CompositeByteBuf partial;
    /** Small pieces not yet added to {@link #partial}, or null. */
    private ByteBuf tail;
    /** Bytes of the current fragment not yet taken from the input; 0 between fragments. */
    private int fragmentLeft;
    /** Whether the current fragment is the record's last. */
    private boolean lastFragment;
    private boolean failed;

    public RecordMarkingDecoder(int maxRecordSize) {
        if (maxRecordSize <= 0) throw new IllegalArgumentException("max record size must be positive");
        this.maxRecordSize = maxRecordSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (!failed) {
            if (fragmentLeft > 0) {
                int n = Math.min(fragmentLeft, in.readableBytes());
                if (n == 0) return;
                take(ctx, in, n);
                fragmentLeft -= n;
                if (fragmentLeft > 0) return;
                flushTail();
                if (lastFragment) {
                    out.add(partial);
                    partial = null;
                }
                continue;
            }
            if (in.readableBytes() < HEADER) break;
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
            in.skipBytes(HEADER);
            if (last && partial == null && in.readableBytes() >= length) {
                out.add(in.readRetainedSlice(length));
                continue;
            }
            if (partial == null) {
                partial = ctx.alloc().compositeDirectBuffer(Integer.MAX_VALUE);
            }
            fragmentLeft = length;
            lastFragment = last;
            if (length == 0) {
                out.add(partial);
                partial = null;
            }
        }
        if (failed) {
            in.skipBytes(in.readableBytes());
        }
    }

    /** Moves {@code n} bytes of {@code in} into the record: sliced when large, else via the tail. */
    private void take(ChannelHandlerContext ctx, ByteBuf in, int n) {
        if (n >= MIN_SLICE) {
            flushTail();
            partial.addComponent(true, in.readRetainedSlice(n));
            return;
        }
        while (n > 0) {
            if (tail == null) {
                tail = ctx.alloc().directBuffer(MIN_SLICE, MIN_SLICE);
            }
            int k = Math.min(n, tail.writableBytes());
            tail.writeBytes(in, k);
            n -= k;
            if (!tail.isWritable()) {
                flushTail();
            }
        }
    }

    private void flushTail() {
        if (tail != null) {
            partial.addComponent(true, tail);
            tail = null;
        }
    }

    private int buffered() {
        return partial == null ? 0 : partial.readableBytes() + fragmentLeft
                + (tail == null ? 0 : tail.readableBytes());
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, String what) {
        LOG.warn("closing the connection from {}: it sent {}", ctx.channel().remoteAddress(), what);
        failed = true;
        in.skipBytes(in.readableBytes());
        releasePartial();
        ctx.close();
    }

    private void releasePartial() {
        if (tail != null) {
            tail.release();
            tail = null;
        }
        if (partial != null) {
            partial.release();
            partial = null;
        }
        fragmentLeft = 0;
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        releasePartial();
    }
}
