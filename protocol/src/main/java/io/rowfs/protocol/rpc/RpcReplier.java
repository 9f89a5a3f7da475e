package io.rowfs.protocol.rpc;

/**
 * Answers one call. Thread-safe; the first answer wins and later ones are ignored (and logged).
 */
public interface RpcReplier {
    /** MSG_ACCEPTED SUCCESS followed by the results {@code body} writes. */
    void success(XdrWriter body);

    void garbageArgs();

    void systemError();

    void procUnavailable();

    /** MSG_DENIED AUTH_ERROR with the given reason. */
    void authError(AuthStat why);
}
