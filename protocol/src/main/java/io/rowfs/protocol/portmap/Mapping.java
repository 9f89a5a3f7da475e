package io.rowfs.protocol.portmap;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;

/**
 * One portmapper entry (RFC 1833 section 3). All four fields are XDR unsigned ints.
 * <pre>
 *   struct mapping { unsigned int prog; unsigned int vers; unsigned int prot; unsigned int port; };
 * </pre>
 */
public record Mapping(int program, int version, int protocol, int port) {

    public static Mapping decode(XdrDecoder in) {
        return new Mapping(in.readInt(), in.readInt(), in.readInt(), in.readInt());
    }

    public void encode(XdrEncoder out) {
        out.writeInt(program).writeInt(version).writeInt(protocol).writeInt(port);
    }
}
