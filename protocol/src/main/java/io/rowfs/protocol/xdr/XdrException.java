package io.rowfs.protocol.xdr;

/**
 * Malformed XDR input: a length beyond its limit or beyond the bytes that remain, a bad boolean or
 * enum value. Callers answer it with GARBAGE_ARGS (RPC) or drop the message; it is never a server bug.
 */
public final class XdrException extends RuntimeException {
    public XdrException(String message) {
        super(message);
    }
}
