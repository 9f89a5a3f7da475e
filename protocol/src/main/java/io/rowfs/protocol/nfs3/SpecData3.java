package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;

/** specdata3 (RFC 1813 section 2.5): major and minor device numbers, raw uint32 bits. */
public record SpecData3(int major, int minor) {
    public static final SpecData3 NONE = new SpecData3(0, 0);

    public static SpecData3 decode(XdrDecoder in) {
        return new SpecData3(in.readInt(), in.readInt());
    }

    public void encode(XdrEncoder out) {
        out.writeInt(major).writeInt(minor);
    }
}
