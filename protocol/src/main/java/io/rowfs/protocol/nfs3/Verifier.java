package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;

/**
 * An 8-byte verifier: cookieverf3, createverf3 or writeverf3 (RFC 1813 section 2.5). The eight
 * opaque bytes are held as one big-endian long, so that the wire bytes are exactly those of
 * {@code value}.
 */
public record Verifier(long value) {
    public static final Verifier ZERO = new Verifier(0);

    public static Verifier decode(XdrDecoder in) {
        return new Verifier(in.readLong());
    }

    public void encode(XdrEncoder out) {
        out.writeLong(value);
    }

    @Override
    public String toString() {
        return String.format("verf:%016x", value);
    }
}
