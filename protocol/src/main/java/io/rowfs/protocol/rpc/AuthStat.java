package io.rowfs.protocol.rpc;

/** Why authentication failed: the {@code auth_stat} of an AUTH_ERROR reply (RFC 5531 section 9). */
public enum AuthStat {
    AUTH_OK(0),
    AUTH_BADCRED(1),
    AUTH_REJECTEDCRED(2),
    AUTH_BADVERF(3),
    AUTH_REJECTEDVERF(4),
    AUTH_TOOWEAK(5),
    AUTH_INVALIDRESP(6),
    AUTH_FAILED(7),
    AUTH_KERB_GENERIC(8),
    AUTH_TIMEEXPIRE(9),
    AUTH_TKT_FILE(10),
    AUTH_DECODE(11),
    AUTH_NET_ADDR(12),
    RPCSEC_GSS_CREDPROBLEM(13),
    RPCSEC_GSS_CTXPROBLEM(14);

    private final int code;

    AuthStat(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The constant for {@code code}, or empty when the code is unknown. */
    public static java.util.Optional<AuthStat> of(int code) {
        for (AuthStat s : values()) {
            if (s.code == code) return java.util.Optional.of(s);
        }
        return java.util.Optional.empty();
    }
}
