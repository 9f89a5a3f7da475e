package io.rowfs.protocol.rpc;

/**
 * The caller's identity as the server sees it: {@link AuthNone} or {@link AuthSys}. Immutable.
 * {@link #fromOpaqueAuth} is the one place that turns a call's credential into one of these.
 */
public sealed interface Credentials permits AuthNone, AuthSys {

    /** The RFC 5531 flavor number. */
    int flavor();

    /** This credential as it travels in a call header. */
    OpaqueAuth toOpaqueAuth();

    /**
     * Parses a call's credential. Unknown flavors and malformed AUTH_SYS bodies are answered with
     * AUTH_BADCRED, as the Linux and Solaris servers do.
     *
     * @throws RpcAuthException with the auth_stat to reply with
     */
    static Credentials fromOpaqueAuth(OpaqueAuth cred) {
        return switch (cred.flavor()) {
            case AuthFlavor.AUTH_NONE -> AuthNone.INSTANCE;
            case AuthFlavor.AUTH_SYS -> AuthSys.decode(cred);
            default -> throw new RpcAuthException(AuthStat.AUTH_BADCRED,
                    "unsupported credential flavor " + cred.flavor());
        };
    }
}
