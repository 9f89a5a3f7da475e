package io.rowfs.protocol.xdr;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

/**
 * The buffer one RPC message (a call or a reply) is encoded into: a composite, so that large READ
 * and WRITE payloads are appended as components instead of copied (nfs3 {@code Payload}), that
 * starts with one {@link #FIRST_COMPONENT}-byte component, so that a message of headers and small
 * results is one contiguous buffer (a composite that grows from empty adds a component per
 * doubling).
 */
public final class MessageBuffers {
    /** Room for the RPC header, credentials, a file handle and attributes. */
    static final int FIRST_COMPONENT = 512;
    /** Components before the composite consolidates: header, payload, trailer, slack. */
    static final int MAX_COMPONENTS = 16;

    private MessageBuffers() {
    }

    /** An empty composite with its first component in place; the caller owns it. */
    public static CompositeByteBuf newMessage(ByteBufAllocator alloc) {
        CompositeByteBuf buf = alloc.compositeDirectBuffer(MAX_COMPONENTS);
        buf.addComponent(false, alloc.directBuffer(FIRST_COMPONENT));
        return buf;
    }
}
