package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/**
 * sattr3 (RFC 1813 section 2.6): each field is a discriminated union "set it or not".
 * <pre>
 *   set_mode3 mode;  (bool set_it; uint32 mode when true)
 *   set_uid3  uid;   (bool; uint32)
 *   set_gid3  gid;   (bool; uint32)
 *   set_size3 size;  (bool; uint64)
 *   set_atime atime; (time_how; nfstime3 when SET_TO_CLIENT_TIME)
 *   set_mtime mtime; (time_how; nfstime3 when SET_TO_CLIENT_TIME)
 * </pre>
 * A null {@code mode}, {@code uid}, {@code gid} or {@code size} means "do not set". Build with
 * {@link #EMPTY} and the {@code withXxx} methods.
 */
public record Sattr3(Integer mode, Integer uid, Integer gid, Long size, SetTime atime, SetTime mtime) {
    /** Sets nothing. */
    public static final Sattr3 EMPTY = new Sattr3(null, null, null, null, SetTime.DONT_CHANGE,
            SetTime.DONT_CHANGE);

    public Sattr3 {
        Objects.requireNonNull(atime, "atime");
        Objects.requireNonNull(mtime, "mtime");
    }

    public Sattr3 withMode(int m) {
        return new Sattr3(m, uid, gid, size, atime, mtime);
    }

    public Sattr3 withUid(int u) {
        return new Sattr3(mode, u, gid, size, atime, mtime);
    }

    public Sattr3 withGid(int g) {
        return new Sattr3(mode, uid, g, size, atime, mtime);
    }

    public Sattr3 withSize(long s) {
        return new Sattr3(mode, uid, gid, s, atime, mtime);
    }

    public Sattr3 withAtime(SetTime t) {
        return new Sattr3(mode, uid, gid, size, t, mtime);
    }

    public Sattr3 withMtime(SetTime t) {
        return new Sattr3(mode, uid, gid, size, atime, t);
    }

    public static Sattr3 decode(XdrDecoder in) {
        Integer mode = in.readBoolean() ? in.readInt() : null;
        Integer uid = in.readBoolean() ? in.readInt() : null;
        Integer gid = in.readBoolean() ? in.readInt() : null;
        Long size = in.readBoolean() ? in.readLong() : null;
        return new Sattr3(mode, uid, gid, size, SetTime.decode(in), SetTime.decode(in));
    }

    public void encode(XdrEncoder out) {
        writeOptionalInt(out, mode);
        writeOptionalInt(out, uid);
        writeOptionalInt(out, gid);
        out.writeBoolean(size != null);
        if (size != null) {
            out.writeLong(size);
        }
        atime.encode(out);
        mtime.encode(out);
    }

    private static void writeOptionalInt(XdrEncoder out, Integer v) {
        out.writeBoolean(v != null);
        if (v != null) {
            out.writeInt(v);
        }
    }
}
