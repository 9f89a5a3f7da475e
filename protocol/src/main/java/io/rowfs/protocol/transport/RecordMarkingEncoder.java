package io.rowfs.protocol.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.List;

/**
 * Frames each outgoing message as one last fragment (RFC 5531 section 11): a 4-byte header with
 * the high bit set and the length in the low 31 bits, then the message itself (not copied). A
 * {@link FileTailedRecord} goes out as header and head, a file region (sent with sendfile by the
 * epoll and NIO transports) and its padding. Stateless and shareable.
 */
@ChannelHandler.Sharable
public final class RecordMarkingEncoder extends MessageToMessageEncoder<Object> {
    public static final RecordMarkingEncoder INSTANCE = new RecordMarkingEncoder();

    private RecordMarkingEncoder() {
        super(Object.class);
    }

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof ByteBuf || msg instanceof FileTailedRecord;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) {
        if (msg instanceof FileTailedRecord record) {
            out.add(header(ctx, record.length()));
            out.add(record.head().retain());
            out.addAll(record.tail().regions());
            if (record.padding() > 0) {
                ByteBuf pad = ctx.alloc().buffer(record.padding());
                XdrEncoder.writePadding(pad, record.padding());
                out.add(pad);
            }
            return;
        }
        ByteBuf message = (ByteBuf) msg;
        out.add(header(ctx, message.readableBytes()));
        out.add(message.retain());
    }

    private static ByteBuf header(ChannelHandlerContext ctx, long length) {
        if (length > ~RecordMarkingDecoder.LAST_FRAGMENT) {
            throw new IllegalArgumentException("a record of " + length + " bytes does not fit one fragment");
        }
        ByteBuf header = ctx.alloc().buffer(RecordMarkingDecoder.HEADER);
        header.writeInt(RecordMarkingDecoder.LAST_FRAGMENT | (int) length);
        return header;
    }
}
