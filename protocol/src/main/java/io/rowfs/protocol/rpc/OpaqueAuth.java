package io.rowfs.protocol.rpc;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Arrays;

/**
 * An {@code opaque_auth}: a flavor and up to {@link #MAX_BODY} bytes (RFC 5531 section 8.2).
 * <pre>
 *   +--------+--------+----------------------+
 *   | flavor | length | body, padded to 4    |
 *   +--------+--------+----------------------+
 * </pre>
 */
public final class OpaqueAuth {
    /** RFC 5531 section 8.2: {@code opaque body<400>}. */
    public static final int MAX_BODY = 400;
    public static final OpaqueAuth NONE = new OpaqueAuth(AuthFlavor.AUTH_NONE, new byte[0]);

    private final int flavor;
    private final byte[] body;

    public OpaqueAuth(int flavor, byte[] body) {
        if (body.length > MAX_BODY) {
            throw new IllegalArgumentException("opaque_auth body of " + body.length
                    + " bytes, at most " + MAX_BODY + " allowed");
        }
        this.flavor = flavor;
        this.body = body.clone();
    }

    public int flavor() {
        return flavor;
    }

    public byte[] body() {
        return body.clone();
    }

    public int bodyLength() {
        return body.length;
    }

    public static OpaqueAuth decode(XdrDecoder in) {
        int flavor = in.readInt();
        byte[] body = in.readOpaque("opaque_auth body", MAX_BODY);
        return new OpaqueAuth(flavor, body);
    }

    public void encode(XdrEncoder out) {
        out.writeInt(flavor).writeOpaque(body);
    }

    /** The body itself, not a copy (for parsing AUTH_SYS). */
    byte[] rawBody() {
        return body;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpaqueAuth a && a.flavor == flavor && Arrays.equals(a.body, body);
    }

    @Override
    public int hashCode() {
        return 31 * flavor + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "OpaqueAuth[flavor=" + flavor + ", " + body.length + " bytes]";
    }
}
