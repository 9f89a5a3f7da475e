package io.rowfs.protocol.rpc;

/** AUTH_NONE: no identity at all. */
public final class AuthNone implements Credentials {
    public static final AuthNone INSTANCE = new AuthNone();

    private AuthNone() {
    }

    @Override
    public int flavor() {
        return AuthFlavor.AUTH_NONE;
    }

    @Override
    public OpaqueAuth toOpaqueAuth() {
        return OpaqueAuth.NONE;
    }

    @Override
    public String toString() {
        return "AUTH_NONE";
    }
}
