package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import java.nio.charset.StandardCharsets;

/**
 * nfspath3: the target of a symbolic link as raw bytes, 0 to {@link Nfs3#PATH_MAX} (1024) bytes.
 * Immutable. Decoding a longer path throws {@link NfsException} with
 * {@link Nfs3Status#NAMETOOLONG}.
 */
public final class NfsPath extends OpaqueBytes {
    private NfsPath(byte[] bytes) {
        super(bytes);
    }

    public static NfsPath of(byte[] bytes) {
        if (bytes.length > Nfs3.PATH_MAX) {
            throw new IllegalArgumentException(
                    "path of " + bytes.length + " bytes exceeds " + Nfs3.PATH_MAX);
        }
        return new NfsPath(bytes.clone());
    }

    /** The UTF-8 bytes of {@code path}. */
    public static NfsPath of(String path) {
        return of(path.getBytes(StandardCharsets.UTF_8));
    }

    public static NfsPath decode(XdrDecoder in) {
        return new NfsPath(Bounded.read(in, "nfspath3", Nfs3.PATH_MAX, Nfs3Status.NAMETOOLONG));
    }

    /** The path decoded as UTF-8 (invalid sequences become U+FFFD). */
    @Override
    public String toString() {
        return new String(raw(), StandardCharsets.UTF_8);
    }
}
