package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/**
 * fattr3 (RFC 1813 section 2.6), 84 bytes on the wire:
 * <pre>
 *   ftype3 type; uint32 mode; uint32 nlink; uint32 uid; uint32 gid;
 *   uint64 size; uint64 used; specdata3 rdev; uint64 fsid; uint64 fileid;
 *   nfstime3 atime; nfstime3 mtime; nfstime3 ctime;
 * </pre>
 * {@code mode} holds the permission bits (07777) only, not the file type.
 */
public record Fattr3(FileType type, int mode, int nlink, int uid, int gid, long size, long used,
        SpecData3 rdev, long fsid, long fileid, NfsTime3 atime, NfsTime3 mtime, NfsTime3 ctime) {

    /** Bytes of an encoded fattr3. */
    public static final int ENCODED_SIZE = 84;

    public Fattr3 {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(rdev, "rdev");
        Objects.requireNonNull(atime, "atime");
        Objects.requireNonNull(mtime, "mtime");
        Objects.requireNonNull(ctime, "ctime");
    }

    public static Fattr3 decode(XdrDecoder in) {
        return new Fattr3(FileType.decode(in), in.readInt(), in.readInt(), in.readInt(), in.readInt(),
                in.readLong(), in.readLong(), SpecData3.decode(in), in.readLong(), in.readLong(),
                NfsTime3.decode(in), NfsTime3.decode(in), NfsTime3.decode(in));
    }

    public void encode(XdrEncoder out) {
        type.encode(out);
        out.writeInt(mode).writeInt(nlink).writeInt(uid).writeInt(gid).writeLong(size).writeLong(used);
        rdev.encode(out);
        out.writeLong(fsid).writeLong(fileid);
        atime.encode(out);
        mtime.encode(out);
        ctime.encode(out);
    }

    /** The wcc_attr subset (size, mtime, ctime) to report as pre-operation attributes. */
    public WccAttr toWccAttr() {
        return new WccAttr(size, mtime, ctime);
    }
}
