package io.rowfs.protocol.xdr;

import io.netty.buffer.ByteBuf;
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

    /**
     * Appends {@code data}'s readable bytes to {@code message}, taking over the caller's reference:
     * as a component when the message is a composite (no copy), else copied (and released).
     */
    public static void append(ByteBuf message, ByteBuf data) {
        if (message instanceof CompositeByteBuf composite) {
            // Components are laid out by capacity: cut the spare capacity so that the data follows
            // what was written directly.
            composite.capacity(composite.writerIndex());
            composite.addComponent(true, data);
        } else {
            try {
                message.writeBytes(data);
            } finally {
                data.release();
            }
        }
    }

    /** An empty composite with its first component in place; the caller owns it. */
    public static CompositeByteBuf newMessage(ByteBufAllocator alloc) {
        return newMessage(alloc, FIRST_COMPONENT);
    }

    /**
     * As above, the first component holding at least {@code expected} bytes: a message known to be
     * large (a READDIRPLUS page) is encoded into one contiguous buffer instead of a composite that
     * grows component by component, each write then looking up its component.
     */
    public static CompositeByteBuf newMessage(ByteBufAllocator alloc, int expected) {
        int first = Math.max(FIRST_COMPONENT, expected);
        CompositeByteBuf buf = alloc.compositeDirectBuffer(MAX_COMPONENTS);
        // A component spans its buffer's readable bytes: make all of them readable, as room for
        // the composite's writes (its writer index stays 0).
        ByteBuf room = alloc.directBuffer(first, first);
        buf.addComponent(false, room.writerIndex(first));
        return buf;
    }
}
