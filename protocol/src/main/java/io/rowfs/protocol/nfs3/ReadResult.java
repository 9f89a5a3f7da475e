package io.rowfs.protocol.nfs3;

import io.netty.buffer.ByteBuf;
import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/**
 * READ3res (RFC 1813 section 3.3.6): OK:
 * {@code post_op_attr file_attributes; count3 count; bool eof; opaque data<>;} fail:
 * {@code post_op_attr file_attributes;}.
 *
 * <p>Ownership: an OK result owns one reference to {@code data} and whoever holds it calls
 * {@link #release()} once. {@link #decode} takes a retained slice of the reply buffer (no copy);
 * {@link #encode} does not release and copies nothing when the output is a composite buffer (see
 * {@link Payload}). On the server the dispatcher releases the result after encoding it.
 */
public record ReadResult(Nfs3Status status, PostOpAttr attributes, int count, boolean eof,
        ByteBuf data) implements Nfs3Result {
    public ReadResult {
        Results.check(status, data);
        Objects.requireNonNull(attributes, "attributes");
    }

    /** An OK result whose count is the data's readable bytes; takes over the caller's reference. */
    public static ReadResult ok(PostOpAttr attributes, boolean eof, ByteBuf data) {
        return new ReadResult(Nfs3Status.OK, attributes, data.readableBytes(), eof, data);
    }

    public static ReadResult fail(Nfs3Status status, PostOpAttr attributes) {
        return new ReadResult(Results.failure(status), attributes, 0, false, null);
    }

    public static ReadResult decode(XdrDecoder in) {
        Nfs3Status s = Nfs3Status.decode(in);
        PostOpAttr attributes = PostOpAttr.decode(in);
        if (!s.isOk()) {
            return fail(s, attributes);
        }
        int count = in.readInt();
        boolean eof = in.readBoolean();
        return new ReadResult(s, attributes, count, eof,
                in.readOpaqueRetainedSlice("READ data", Integer.MAX_VALUE));
    }

    @Override
    public void encode(XdrEncoder out) {
        status.encode(out);
        attributes.encode(out);
        if (status.isOk()) {
            out.writeInt(count).writeBoolean(eof);
            Payload.write(out, data);
        }
    }

    @Override
    public void release() {
        if (data != null) {
            data.release();
        }
    }
}
