package io.rowfs.protocol.mount;

import java.util.Optional;

/** {@code mountstat3} (RFC 1813 appendix I). */
public enum MountStat {
    MNT3_OK(0),
    MNT3ERR_PERM(1),
    MNT3ERR_NOENT(2),
    MNT3ERR_IO(5),
    MNT3ERR_ACCES(13),
    MNT3ERR_NOTDIR(20),
    MNT3ERR_INVAL(22),
    MNT3ERR_NAMETOOLONG(63),
    MNT3ERR_NOTSUPP(10004),
    MNT3ERR_SERVERFAULT(10006);

    private final int code;

    MountStat(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<MountStat> of(int code) {
        for (MountStat s : values()) {
            if (s.code == code) return Optional.of(s);
        }
        return Optional.empty();
    }
}
