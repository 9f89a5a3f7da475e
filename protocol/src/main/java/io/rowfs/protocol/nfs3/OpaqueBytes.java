package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Arrays;

/**
 * What the variable-length opaque values of NFSv3 share ({@link FileHandle}, {@link Filename},
 * {@link NfsPath}): immutable bytes, encoded as XDR variable-length opaque (a length word, the
 * bytes, zero padding to four), equal when of the same kind and the same bytes. Each kind checks
 * its own bound when made or decoded.
 */
public abstract class OpaqueBytes {
    private final byte[] bytes;

    /** Takes {@code bytes} as they are: callers pass a private copy. */
    OpaqueBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    public final void encode(XdrEncoder out) {
        out.writeOpaque(bytes);
    }

    /** A copy of the bytes. */
    public final byte[] bytes() {
        return bytes.clone();
    }

    public final int length() {
        return bytes.length;
    }

    /** Encoded size in bytes (length word plus padded body). */
    public final int encodedSize() {
        return 4 + ((bytes.length + 3) & ~3);
    }

    /** The bytes themselves, for subclasses' {@code toString} (never handed out). */
    final byte[] raw() {
        return bytes;
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && Arrays.equals(bytes, ((OpaqueBytes) o).bytes);
    }

    @Override
    public final int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
