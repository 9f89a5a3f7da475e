package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import java.nio.charset.StandardCharsets;

/**
 * filename3: one path component as raw bytes (NFS names are byte strings, usually but not always
 * UTF-8), 0 to {@link Nfs3#NAME_MAX} (255) bytes. Immutable. Decoding a longer name throws
 * {@link NfsException} with {@link Nfs3Status#NAMETOOLONG}. No other check is made here: whether
 * "", ".", ".." or a name holding '/' is acceptable is the server's decision.
 */
public final class Filename extends OpaqueBytes {
    private Filename(byte[] bytes) {
        super(bytes);
    }

    public static Filename of(byte[] bytes) {
        if (bytes.length > Nfs3.NAME_MAX) {
            throw new IllegalArgumentException(
                    "file name of " + bytes.length + " bytes exceeds " + Nfs3.NAME_MAX);
        }
        return new Filename(bytes.clone());
    }

    /** The UTF-8 bytes of {@code name}. */
    public static Filename of(String name) {
        return of(name.getBytes(StandardCharsets.UTF_8));
    }

    public static Filename decode(XdrDecoder in) {
        return new Filename(Bounded.read(in, "filename3", Nfs3.NAME_MAX, Nfs3Status.NAMETOOLONG));
    }

    /** The name decoded as UTF-8 (invalid sequences become U+FFFD). */
    @Override
    public String toString() {
        return new String(raw(), StandardCharsets.UTF_8);
    }
}
