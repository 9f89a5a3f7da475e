package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import io.rowfs.protocol.xdr.XdrException;
import java.util.HashMap;
import java.util.Map;

/** nfsstat3: every status code of RFC 1813 section 2.6, with its wire value. */
public enum Nfs3Status {
    OK(0), PERM(1), NOENT(2), IO(5), NXIO(6), ACCES(13), EXIST(17), XDEV(18), NODEV(19),
    NOTDIR(20), ISDIR(21), INVAL(22), FBIG(27), NOSPC(28), ROFS(30), MLINK(31),
    NAMETOOLONG(63), NOTEMPTY(66), DQUOT(69), STALE(70), REMOTE(71),
    BADHANDLE(10001), NOT_SYNC(10002), BAD_COOKIE(10003), NOTSUPP(10004), TOOSMALL(10005),
    SERVERFAULT(10006), BADTYPE(10007), JUKEBOX(10008);

    private static final Map<Integer, Nfs3Status> BY_VALUE = new HashMap<>();

    static {
        for (Nfs3Status s : values()) {
            BY_VALUE.put(s.value, s);
        }
    }

    private final int value;

    Nfs3Status(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public boolean isOk() {
        return this == OK;
    }

    public static Nfs3Status of(int value) {
        Nfs3Status s = BY_VALUE.get(value);
        if (s == null) {
            throw new XdrException("nfsstat3 " + value + " is not an RFC 1813 status");
        }
        return s;
    }

    public static Nfs3Status decode(XdrDecoder in) {
        return of(in.readInt());
    }

    public void encode(XdrEncoder out) {
        out.writeInt(value);
    }

    @Override
    public String toString() {
        return this == OK ? "NFS3_OK" : "NFS3ERR_" + name();
    }
}
