package io.rowfs.protocol.client;

import io.netty.buffer.ByteBuf;
import io.rowfs.protocol.rpc.ReplyStatus;
import io.rowfs.protocol.rpc.RpcReplyHeader;
import io.rowfs.protocol.xdr.XdrDecoder;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One reply as the client received it: the header and, on SUCCESS, a decoder over the results.
 * <b>The receiver owns the record buffer and must {@link #close()} the reply</b> (try-with-resources)
 * once it has read the results; retained slices taken from {@link #results()} stay valid after.
 */
public final class RpcReply implements AutoCloseable {
    private final RpcReplyHeader header;
    private final ByteBuf record;
    private final XdrDecoder results;
    private final AtomicBoolean closed = new AtomicBoolean();

    RpcReply(RpcReplyHeader header, ByteBuf record, XdrDecoder results) {
        this.header = header;
        this.record = record;
        this.results = results;
    }

    public RpcReplyHeader header() {
        return header;
    }

    public ReplyStatus status() {
        return header.status();
    }

    public boolean isSuccess() {
        return header.status() == ReplyStatus.SUCCESS;
    }

    /** The results after the header (empty unless SUCCESS). */
    public XdrDecoder results() {
        return results;
    }

    /** Releases the record buffer; later calls do nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            record.release();
        }
    }

    /**
     * Closes the reply and returns its decoded results; a state other than SUCCESS throws
     * {@link RpcStatusException} naming {@code call}. The one place both clients turn a reply
     * into results.
     */
    <T> T decodeAndClose(String call, io.rowfs.protocol.rpc.XdrReader<T> reader) {
        try (this) {
            if (!isSuccess()) {
                throw new RpcStatusException(call, header());
            }
            return reader.read(results());
        }
    }
}
