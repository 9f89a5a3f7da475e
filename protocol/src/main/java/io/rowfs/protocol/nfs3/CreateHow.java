package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/**
 * createhow3 (RFC 1813 section 3.3.8): UNCHECKED and GUARDED carry an sattr3 (in
 * {@link #attributes()}, {@link #verifier()} null), EXCLUSIVE carries an 8-byte createverf3
 * ({@link #verifier()}, {@link #attributes()} null).
 */
public record CreateHow(CreateMode mode, Sattr3 attributes, Verifier verifier) {
    public CreateHow {
        Objects.requireNonNull(mode, "mode");
        boolean exclusive = mode == CreateMode.EXCLUSIVE;
        if (exclusive != (verifier != null) || exclusive == (attributes != null)) {
            throw new IllegalArgumentException(
                    "EXCLUSIVE takes a verifier only, UNCHECKED and GUARDED take attributes only");
        }
    }

    public static CreateHow unchecked(Sattr3 attributes) {
        return new CreateHow(CreateMode.UNCHECKED, attributes, null);
    }

    public static CreateHow guarded(Sattr3 attributes) {
        return new CreateHow(CreateMode.GUARDED, attributes, null);
    }

    public static CreateHow exclusive(Verifier verifier) {
        return new CreateHow(CreateMode.EXCLUSIVE, null, verifier);
    }

    public static CreateHow decode(XdrDecoder in) {
        CreateMode mode = CreateMode.decode(in);
        return mode == CreateMode.EXCLUSIVE
                ? exclusive(Verifier.decode(in))
                : new CreateHow(mode, Sattr3.decode(in), null);
    }

    public void encode(XdrEncoder out) {
        mode.encode(out);
        if (verifier != null) {
            verifier.encode(out);
        } else {
            attributes.encode(out);
        }
    }
}
