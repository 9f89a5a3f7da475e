package io.rowfs.protocol.rpc;

import io.rowfs.protocol.xdr.XdrDecoder;

/** Reads one XDR body (procedure results or arguments) into a value. */
@FunctionalInterface
public interface XdrReader<T> {
    T read(XdrDecoder in);
}
