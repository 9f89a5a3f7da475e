package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrEncoder;

/**
 * The arguments of one NFSv3 procedure. Each implementation also has a
 * {@code static decode(XdrDecoder)}.
 */
public interface Nfs3Args {
    void encode(XdrEncoder out);

    /** Releases buffers held by the arguments (WRITE data); a no-op for everything else. */
    default void release() {}
}
