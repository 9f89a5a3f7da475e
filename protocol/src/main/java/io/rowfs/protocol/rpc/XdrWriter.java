package io.rowfs.protocol.rpc;

import io.rowfs.protocol.xdr.XdrEncoder;

/** Writes one XDR body (procedure arguments or results) into an encoder. */
@FunctionalInterface
public interface XdrWriter {
    /** Writes nothing: the void arguments or results of NULL and friends. */
    XdrWriter VOID = out -> { };

    void write(XdrEncoder out);

    /** Bytes the body will take, if known in advance (0: not known); the encoder sizes its buffer by it. */
    default int sizeHint() {
        return 0;
    }

    /** {@code writer}, declaring that it writes about {@code bytes} bytes. */
    static XdrWriter sized(XdrWriter writer, int bytes) {
        return new XdrWriter() {
            @Override
            public void write(XdrEncoder out) {
                writer.write(out);
            }

            @Override
            public int sizeHint() {
                return bytes;
            }
        };
    }
}
