package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import io.rowfs.protocol.xdr.XdrException;

/** ftype3 (RFC 1813 section 2.5): NF3REG = 1 ... NF3FIFO = 7. */
public enum FileType {
    REG, DIR, BLK, CHR, LNK, SOCK, FIFO;

    public int value() {
        return ordinal() + 1;
    }

    public static FileType of(int value) {
        if (value < 1 || value > 7) {
            throw new XdrException("ftype3 must be in [1, 7], got " + value);
        }
        return values()[value - 1];
    }

    public static FileType decode(XdrDecoder in) {
        return of(in.readInt());
    }

    public void encode(XdrEncoder out) {
        out.writeInt(value());
    }
}
