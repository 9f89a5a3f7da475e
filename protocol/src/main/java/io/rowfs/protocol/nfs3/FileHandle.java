package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import java.util.HexFormat;

/**
 * nfs_fh3: an opaque file handle of 0 to {@link Nfs3#FHSIZE} (64) bytes. Immutable.
 *
 * <p>Decoding a handle whose length word exceeds 64 throws {@link NfsException} with
 * {@link Nfs3Status#BADHANDLE} (not an XdrException), so that the dispatcher answers
 * NFS3ERR_BADHANDLE instead of GARBAGE_ARGS (RFC 1813 section 2.4: the server must reject it).
 */
public final class FileHandle extends OpaqueBytes {
    private FileHandle(byte[] bytes) {
        super(bytes);
    }

    /** A handle holding a copy of {@code bytes}; at most 64 bytes. */
    public static FileHandle of(byte[] bytes) {
        if (bytes.length > Nfs3.FHSIZE) {
            throw new IllegalArgumentException(
                    "file handle of " + bytes.length + " bytes exceeds NFS3_FHSIZE " + Nfs3.FHSIZE);
        }
        return new FileHandle(bytes.clone());
    }

    public static FileHandle decode(XdrDecoder in) {
        return new FileHandle(Bounded.read(in, "nfs_fh3", Nfs3.FHSIZE, Nfs3Status.BADHANDLE));
    }

    @Override
    public String toString() {
        return "fh:" + HexFormat.of().formatHex(raw());
    }
}
