package io.rowfs.proxy.ops;

import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsException;

/** Checks of names a client wants to create or move: not empty, not "." or "..", no '/' or NUL. */
final class Names {
    private Names() {
    }

    static void checkNew(Filename name) {
        byte[] b = name.bytes();
        if (b.length == 0) {
            throw new NfsException(Nfs3Status.INVAL, "empty name");
        }
        if (name.isDotOrDotDot()) {
            throw new NfsException(Nfs3Status.EXIST, "'" + name + "' always exists");
        }
        for (byte c : b) {
            if (c == '/' || c == 0) {
                throw new NfsException(Nfs3Status.INVAL, "name holds '/' or NUL");
            }
        }
    }
}
