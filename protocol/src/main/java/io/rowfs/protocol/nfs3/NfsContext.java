package io.rowfs.protocol.nfs3;

import java.net.SocketAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * Who is calling: the AUTH_SYS credentials of the RPC call (or nobody for AUTH_NONE), the remote
 * address and the transaction id. Immutable.
 */
public final class NfsContext {
    /** uid/gid used for AUTH_NONE callers (the customary "nobody"). */
    public static final int NOBODY = 65534;

    private final int xid;
    private final SocketAddress remote;
    private final boolean authSys;
    private final int uid;
    private final int gid;
    private final int[] gids;
    private final String machineName;

    private NfsContext(int xid, SocketAddress remote, boolean authSys, int uid, int gid, int[] gids,
            String machineName) {
        this.xid = xid;
        this.remote = remote;
        this.authSys = authSys;
        this.uid = uid;
        this.gid = gid;
        this.gids = gids.clone();
        this.machineName = Objects.requireNonNull(machineName, "machineName");
    }

    /** A caller authenticated with AUTH_SYS. */
    public static NfsContext authSys(int xid, SocketAddress remote, String machineName, int uid,
            int gid, int[] gids) {
        return new NfsContext(xid, remote, true, uid, gid, gids, machineName);
    }

    /** A caller with AUTH_NONE, acting as {@link #NOBODY}. */
    public static NfsContext anonymous(int xid, SocketAddress remote) {
        return new NfsContext(xid, remote, false, NOBODY, NOBODY, new int[0], "");
    }

    public int xid() {
        return xid;
    }

    /** The caller's address; null when unknown (tests). */
    public SocketAddress remote() {
        return remote;
    }

    /** Whether the call carried AUTH_SYS credentials (else AUTH_NONE). */
    public boolean isAuthSys() {
        return authSys;
    }

    public int uid() {
        return uid;
    }

    public int gid() {
        return gid;
    }

    /** A copy of the supplementary group ids. */
    public int[] gids() {
        return gids.clone();
    }

    public String machineName() {
        return machineName;
    }

    @Override
    public String toString() {
        return "xid=" + Integer.toUnsignedString(xid) + " from " + remote + " uid=" + uid + " gid="
                + gid + " gids=" + Arrays.toString(gids);
    }
}
