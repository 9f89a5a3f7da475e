package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/**
 * entry3 (RFC 1813 section 3.3.16) without its list link:
 * {@code fileid3 fileid; filename3 name; cookie3 cookie;}. {@code cookie} means "resume after
 * this entry".
 */
public record DirEntry(long fileId, Filename name, long cookie) {
    public DirEntry {
        Objects.requireNonNull(name, "name");
    }

    /** Bytes of this entry in a READDIR reply, including its 4-byte value_follows word. */
    public int encodedSize() {
        return 4 + 8 + name.encodedSize() + 8;
    }

    static DirEntry decode(XdrDecoder in) {
        return new DirEntry(in.readLong(), Filename.decode(in), in.readLong());
    }

    void encode(XdrEncoder out) {
        out.writeLong(fileId);
        name.encode(out);
        out.writeLong(cookie);
    }
}
