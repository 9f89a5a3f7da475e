package io.rowfs.protocol.nfs3;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.rowfs.protocol.xdr.MessageBuffers;
import io.rowfs.protocol.xdr.XdrEncoder;

/**
 * Writes READ/WRITE payloads as XDR opaque data. When the encoder's buffer is a
 * {@link CompositeByteBuf} and the payload is large, the payload is appended as a component (a
 * retained duplicate: the caller keeps its own reference) instead of being copied; otherwise it is
 * copied once. The length word and padding are written as usual either way.
 */
final class Payload {
    /** Below this size copying is cheaper than adding a component. */
    static final int ZERO_COPY_THRESHOLD = 1024;

    private Payload() {}

    static void write(XdrEncoder out, ByteBuf data) {
        int len = data.readableBytes();
        if (len >= ZERO_COPY_THRESHOLD && out.buffer() instanceof CompositeByteBuf composite) {
            composite.writeInt(len);
            MessageBuffers.append(composite, data.retainedDuplicate());
            XdrEncoder.writePadding(composite, (4 - (len & 3)) & 3);
        } else {
            out.writeOpaque(data);
        }
    }
}
