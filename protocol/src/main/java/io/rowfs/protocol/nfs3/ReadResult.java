package io.rowfs.protocol.nfs3;

import io.netty.buffer.ByteBuf;
import io.rowfs.protocol.xdr.FileSlice;
import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/**
 * READ3res (RFC 1813 section 3.3.6): OK:
 * {@code post_op_attr file_attributes; count3 count; bool eof; opaque data<>;} fail:
 * {@code post_op_attr file_attributes;}.
 *
 * <p>The data of an OK result is either in memory ({@code data}) or, on a server, bytes of a local
 * file ({@code file}, sent with sendfile where the transport can: see
 * {@link XdrEncoder#writeOpaqueTail}); exactly one of the two is set. Decoded results always hold
 * {@code data}.
 *
 * <p>Ownership: an OK result owns one reference to its data and whoever holds it calls
 * {@link #release()} once. {@link #decode} takes a retained slice of the reply buffer (no copy);
 * {@link #encode} does not release and copies nothing when the output is a composite buffer (see
 * {@link Payload}). On the server the dispatcher releases the result after encoding it.
 */
public record ReadResult(Nfs3Status status, PostOpAttr attributes, int count, boolean eof,
        ByteBuf data, FileSlice file) implements Nfs3Result {
    public ReadResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(attributes, "attributes");
        if (status.isOk() && (data == null) == (file == null)) {
            throw new IllegalArgumentException("an NFS3_OK READ result holds its data in memory or in a file, one of them");
        }
    }

    /** An OK result whose count is the data's readable bytes; takes over the caller's reference. */
    public static ReadResult ok(PostOpAttr attributes, boolean eof, ByteBuf data) {
        return new ReadResult(Nfs3Status.OK, attributes, data.readableBytes(), eof, data, null);
    }

    /** An OK result whose data are the bytes of {@code file}; takes over the caller's reference. */
    public static ReadResult ok(PostOpAttr attributes, boolean eof, FileSlice file) {
        return new ReadResult(Nfs3Status.OK, attributes, file.length(), eof, null, file);
    }

    public static ReadResult fail(Nfs3Status status, PostOpAttr attributes) {
        return new ReadResult(Results.failure(status), attributes, 0, false, null, null);
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
                in.readOpaqueRetainedSlice("READ data", Integer.MAX_VALUE), null);
    }

    @Override
    public void encode(XdrEncoder out) {
        status.encode(out);
        attributes.encode(out);
        if (status.isOk()) {
            out.writeInt(count).writeBoolean(eof);
            if (file != null) {
                out.writeOpaqueTail(file);
            } else {
                Payload.write(out, data);
            }
        }
    }

    @Override
    public void release() {
        if (data != null) {
            data.release();
        }
        if (file != null) {
            file.release();
        }
    }
}
