package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/**
 * entryplus3 (RFC 1813 section 3.3.17) without its list link:
 * {@code fileid3 fileid; filename3 name; cookie3 cookie; post_op_attr name_attributes;
 * post_op_fh3 name_handle;}. {@code handle} is null when no handle is sent.
 */
public record DirEntryPlus(long fileId, Filename name, long cookie, PostOpAttr attributes,
        FileHandle handle) {
    public DirEntryPlus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(attributes, "attributes");
    }

    /** Bytes of this entry in a READDIRPLUS reply, including its 4-byte value_follows word. */
    public int encodedSize() {
        return dirSize() + attributes.encodedSize() + PostOpFh.encodedSize(handle);
    }

    /**
     * The entry's share of READDIRPLUS {@code dircount}: value_follows, fileid, name and cookie,
     * without the attributes and handle (RFC 1813 section 3.3.17).
     */
    public int dirSize() {
        return 4 + 8 + name.encodedSize() + 8;
    }

    static DirEntryPlus decode(XdrDecoder in) {
        return new DirEntryPlus(in.readLong(), Filename.decode(in), in.readLong(),
                PostOpAttr.decode(in), PostOpFh.decode(in));
    }

    void encode(XdrEncoder out) {
        out.writeLong(fileId);
        name.encode(out);
        out.writeLong(cookie);
        attributes.encode(out);
        PostOpFh.encode(out, handle);
    }
}
