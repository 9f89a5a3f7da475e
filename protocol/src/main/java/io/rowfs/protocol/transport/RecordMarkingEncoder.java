package io.rowfs.protocol.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Frames each outgoing message as one last fragment (RFC 5531 section 11): a 4-byte header with
 * the high bit set and the length in the low 31 bits, then the message itself (not copied).
 * Stateless and shareable.
 */
@ChannelHandler.Sharable
public final class RecordMarkingEncoder extends MessageToMessageEncoder<ByteBuf> {
    public static final RecordMarkingEncoder INSTANCE = new RecordMarkingEncoder();

    private RecordMarkingEncoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf msg, List<Object> out) {
        ByteBuf header = ctx.alloc().buffer(RecordMarkingDecoder.HEADER);
        header.writeInt(RecordMarkingDecoder.LAST_FRAGMENT | msg.readableBytes());
        out.add(header);
        out.add(msg.retain());
    }
}
