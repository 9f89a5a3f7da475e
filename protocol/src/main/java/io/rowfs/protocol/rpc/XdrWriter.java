package io.rowfs.protocol.rpc;

import io.rowfs.protocol.xdr.XdrEncoder;

/** Writes one XDR body (procedure arguments or results) into an encoder. */
@FunctionalInterface
public interface XdrWriter {
    /** Writes nothing: the void arguments or results of NULL and friends. */
    XdrWriter VOID = out -> { };

    void write(XdrEncoder out);
}
