package io.rowfs.protocol.rpc;

/**
 * Every outcome of an RPC reply, flattened: the five {@code accept_stat} values of MSG_ACCEPTED and
 * the two {@code reject_stat} values of MSG_DENIED (RFC 5531 section 9).
 */
public enum ReplyStatus {
    SUCCESS(true, 0),
    PROG_UNAVAIL(true, 1),
    PROG_MISMATCH(true, 2),
    PROC_UNAVAIL(true, 3),
    GARBAGE_ARGS(true, 4),
    SYSTEM_ERR(true, 5),
    RPC_MISMATCH(false, 0),
    AUTH_ERROR(false, 1);

    private final boolean accepted;
    private final int code;

    ReplyStatus(boolean accepted, int code) {
        this.accepted = accepted;
        this.code = code;
    }

    /** True for MSG_ACCEPTED states, false for MSG_DENIED ones. */
    public boolean accepted() {
        return accepted;
    }

    /** The {@code accept_stat} or {@code reject_stat} wire value. */
    public int code() {
        return code;
    }
}
