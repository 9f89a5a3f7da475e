package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;

/**
 * Reads a variable-length opaque whose over-long form is well-formed XDR but an NFS error: the
 * length word is read first and a value above {@code max} becomes an {@link NfsException} with
 * {@code overStatus} (BADHANDLE for handles, NAMETOOLONG for names and paths) before anything is
 * allocated; a length beyond the bytes left is an XdrException (truncated input).
 */
final class Bounded {
    private Bounded() {}

    static byte[] read(XdrDecoder in, String what, int max, Nfs3Status overStatus) {
        long len = in.readUnsignedInt();
        if (len > max) {
            throw new NfsException(overStatus,
                    what + " of " + len + " bytes exceeds the limit of " + max + " bytes");
        }
        return in.readFixedOpaque((int) len);
    }
}
