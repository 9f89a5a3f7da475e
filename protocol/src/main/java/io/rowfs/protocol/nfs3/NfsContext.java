package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.rpc.AuthNone;
import io.rowfs.protocol.rpc.AuthSys;
import io.rowfs.protocol.rpc.Credentials;
import io.rowfs.protocol.rpc.RpcCall;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Who is calling: the RPC credentials (AUTH_SYS, or AUTH_NONE acting as {@link #NOBODY}), the
 * remote address and the transaction id. Immutable.
 */
public final class NfsContext {
    /** uid/gid used for AUTH_NONE callers (the customary "nobody"). */
    public static final int NOBODY = 65534;
    private static final int[] NO_GIDS = new int[0];

    private final int xid;
    private final InetSocketAddress remote;
    private final Credentials credentials;

    public NfsContext(int xid, InetSocketAddress remote, Credentials credentials) {
        this.xid = xid;
        this.remote = remote;
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /** The context of an RPC call. */
    public static NfsContext of(RpcCall call) {
        return new NfsContext(call.xid(), call.remoteAddress(), call.credentials());
    }

    /** A caller authenticated with AUTH_SYS (tests, internal calls). */
    public static NfsContext authSys(int xid, InetSocketAddress remote, String machineName, int uid,
            int gid, int... gids) {
        return new NfsContext(xid, remote, new AuthSys(0, machineName, uid, gid, gids));
    }

    /** A caller with AUTH_NONE. */
    public static NfsContext anonymous(int xid, InetSocketAddress remote) {
        return new NfsContext(xid, remote, AuthNone.INSTANCE);
    }

    public int xid() {
        return xid;
    }

    /** The caller's address; null when unknown (tests). */
    public InetSocketAddress remote() {
        return remote;
    }

    public Credentials credentials() {
        return credentials;
    }

    /** Whether the call carried AUTH_SYS credentials (else AUTH_NONE). */
    public boolean isAuthSys() {
        return credentials instanceof AuthSys;
    }

    /** The AUTH_SYS uid, or {@link #NOBODY}. */
    public int uid() {
        return credentials instanceof AuthSys a ? a.uid() : NOBODY;
    }

    /** The AUTH_SYS gid, or {@link #NOBODY}. */
    public int gid() {
        return credentials instanceof AuthSys a ? a.gid() : NOBODY;
    }

    /** A copy of the AUTH_SYS supplementary group ids (empty for AUTH_NONE). */
    public int[] gids() {
        return credentials instanceof AuthSys a ? a.gids() : NO_GIDS.clone();
    }

    /** The AUTH_SYS machine name, or "". */
    public String machineName() {
        return credentials instanceof AuthSys a ? a.machineName() : "";
    }

    @Override
    public String toString() {
        return "xid=" + Integer.toUnsignedString(xid) + " from " + remote + " " + credentials;
    }
}
