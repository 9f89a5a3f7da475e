package io.rowfs.protocol.transport;

import io.netty.buffer.ByteBuf;
import io.netty.util.AbstractReferenceCounted;
import io.rowfs.protocol.xdr.FileSlice;
import io.rowfs.protocol.xdr.XdrEncoder;

/**
 * One outgoing RPC record whose message is {@code head}, then the bytes of {@code tail}, then their
 * XDR padding (a READ reply served from a file: see {@link XdrEncoder#writeOpaqueTail}). The
 * {@link RecordMarkingEncoder} frames it as one record and passes the file bytes on as a file
 * region, which the transport sends with sendfile. Owns one reference to each part; releasing the
 * record releases both.
 */
final class FileTailedRecord extends AbstractReferenceCounted {
    private final ByteBuf head;
    private final FileSlice tail;

    FileTailedRecord(ByteBuf head, FileSlice tail) {
        this.head = head;
        this.tail = tail;
    }

    ByteBuf head() {
        return head;
    }

    FileSlice tail() {
        return tail;
    }

    int padding() {
        return XdrEncoder.tailPadding(tail);
    }

    /** The message's length: head, file bytes and padding. */
    long length() {
        return (long) head.readableBytes() + tail.length() + padding();
    }

    @Override
    protected void deallocate() {
        try {
            head.release();
        } finally {
            tail.release();
        }
    }

    @Override
    public FileTailedRecord touch(Object hint) {
        return this;
    }
}
