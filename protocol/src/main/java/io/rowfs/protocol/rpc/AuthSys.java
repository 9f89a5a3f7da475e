package io.rowfs.protocol.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import io.rowfs.protocol.xdr.XdrException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * AUTH_SYS credentials (RFC 5531 appendix A), immutable. uid, gid and gids are XDR unsigned ints
 * held in Java ints: compare them with {@link Integer#toUnsignedLong} when the sign matters.
 * <pre>
 *   struct authsys_parms {
 *       unsigned int stamp;
 *       string       machinename&lt;255&gt;;
 *       unsigned int uid;
 *       unsigned int gid;
 *       unsigned int gids&lt;16&gt;;
 *   };
 * </pre>
 */
public final class AuthSys implements Credentials {
    /** RFC 5531 appendix A: {@code machinename<255>}. */
    public static final int MAX_MACHINE_NAME = 255;
    /** RFC 5531 appendix A: {@code gids<16>}. */
    public static final int MAX_GIDS = 16;

    private final int stamp;
    private final String machineName;
    private final int uid;
    private final int gid;
    private final int[] gids;

    public AuthSys(int stamp, String machineName, int uid, int gid, int... gids) {
        int nameBytes = machineName.getBytes(StandardCharsets.UTF_8).length;
        if (nameBytes > MAX_MACHINE_NAME) {
            throw new IllegalArgumentException("machine name of " + nameBytes
                    + " bytes, at most " + MAX_MACHINE_NAME + " allowed");
        }
        if (gids.length > MAX_GIDS) {
            throw new IllegalArgumentException(gids.length + " gids, at most " + MAX_GIDS + " allowed");
        }
        this.stamp = stamp;
        this.machineName = machineName;
        this.uid = uid;
        this.gid = gid;
        this.gids = gids.clone();
    }

    public int stamp() {
        return stamp;
    }

    public String machineName() {
        return machineName;
    }

    public int uid() {
        return uid;
    }

    public int gid() {
        return gid;
    }

    /** The supplementary groups (a copy). */
    public int[] gids() {
        return gids.clone();
    }

    @Override
    public int flavor() {
        return AuthFlavor.AUTH_SYS;
    }

    @Override
    public OpaqueAuth toOpaqueAuth() {
        ByteBuf buf = Unpooled.buffer(OpaqueAuth.MAX_BODY);
        try {
            XdrEncoder out = new XdrEncoder(buf);
            out.writeInt(stamp).writeString(machineName).writeInt(uid).writeInt(gid).writeInt(gids.length);
            for (int g : gids) {
                out.writeInt(g);
            }
            byte[] body = new byte[buf.readableBytes()];
            buf.readBytes(body);
            return new OpaqueAuth(AuthFlavor.AUTH_SYS, body);
        } finally {
            buf.release();
        }
    }

    /** Parses an AUTH_SYS body; anything malformed, too long or with trailing bytes is AUTH_BADCRED. */
    static AuthSys decode(OpaqueAuth cred) {
        ByteBuf buf = Unpooled.wrappedBuffer(cred.rawBody());
        try {
            XdrDecoder in = new XdrDecoder(buf);
            int stamp = in.readInt();
            String name = in.readString("AUTH_SYS machinename", MAX_MACHINE_NAME);
            int uid = in.readInt();
            int gid = in.readInt();
            int n = in.readArrayLength("AUTH_SYS gids", MAX_GIDS);
            int[] gids = new int[n];
            for (int i = 0; i < n; i++) {
                gids[i] = in.readInt();
            }
            if (in.remaining() != 0) {
                throw new XdrException("AUTH_SYS body has " + in.remaining() + " trailing bytes");
            }
            return new AuthSys(stamp, name, uid, gid, gids);
        } catch (XdrException | IllegalArgumentException e) {
            throw new RpcAuthException(AuthStat.AUTH_BADCRED, e.getMessage());
        } finally {
            buf.release();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthSys a && a.stamp == stamp && a.uid == uid && a.gid == gid
                && a.machineName.equals(machineName) && Arrays.equals(a.gids, gids);
    }

    @Override
    public int hashCode() {
        return ((31 * uid + gid) * 31 + machineName.hashCode()) * 31 + Arrays.hashCode(gids);
    }

    @Override
    public String toString() {
        return "AUTH_SYS[uid=" + Integer.toUnsignedString(uid) + ", gid=" + Integer.toUnsignedString(gid)
                + ", gids=" + Arrays.toString(gids) + ", machine=" + machineName + "]";
    }
}
