package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrEncoder;

/**
 * The result of one NFSv3 procedure: a status, then the resok arm when it is OK and the resfail
 * arm otherwise. Each implementation also has a {@code static decode(XdrDecoder)}.
 */
public interface Nfs3Result {
    Nfs3Status status();

    void encode(XdrEncoder out);

    /** Encoded bytes, where that is worth knowing in advance (large results); 0 otherwise. */
    default int encodedSizeHint() {
        return 0;
    }

    /** Releases buffers held by the result (READ data); a no-op for everything else. */
    default void release() {}
}
