package io.rowfs.protocol.rpc;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import io.rowfs.protocol.xdr.XdrException;

/**
 * The header of an RPC reply (RFC 5531 section 9); on SUCCESS the procedure's results follow.
 * <pre>
 *   xid | REPLY(=1) | MSG_ACCEPTED(=0) | verf (opaque_auth) | accept_stat | per state:
 *                                                               SUCCESS:       results...
 *                                                               PROG_MISMATCH: low | high
 *                                                               others:        nothing
 *   xid | REPLY(=1) | MSG_DENIED(=1)   | reject_stat | RPC_MISMATCH: low | high
 *                                                      AUTH_ERROR:   auth_stat
 * </pre>
 *
 * @param verifier the server's verifier (accepted replies only; null on denied replies)
 * @param low lowest supported version for PROG_MISMATCH and RPC_MISMATCH, else 0
 * @param high highest supported version for PROG_MISMATCH and RPC_MISMATCH, else 0
 * @param authStat the reason for AUTH_ERROR, else null
 */
public record RpcReplyHeader(int xid, ReplyStatus status, OpaqueAuth verifier, int low, int high,
                             AuthStat authStat) {

    public static RpcReplyHeader accepted(int xid, ReplyStatus status) {
        if (!status.accepted() || status == ReplyStatus.PROG_MISMATCH) {
            throw new IllegalArgumentException(status + " needs its own factory");
        }
        return new RpcReplyHeader(xid, status, OpaqueAuth.NONE, 0, 0, null);
    }

    public static RpcReplyHeader progMismatch(int xid, int low, int high) {
        return new RpcReplyHeader(xid, ReplyStatus.PROG_MISMATCH, OpaqueAuth.NONE, low, high, null);
    }

    public static RpcReplyHeader rpcMismatch(int xid, int low, int high) {
        return new RpcReplyHeader(xid, ReplyStatus.RPC_MISMATCH, null, low, high, null);
    }

    public static RpcReplyHeader authError(int xid, AuthStat why) {
        return new RpcReplyHeader(xid, ReplyStatus.AUTH_ERROR, null, 0, 0, why);
    }

    public void encode(XdrEncoder out) {
        out.writeInt(xid).writeInt(RpcMessageType.REPLY);
        if (status.accepted()) {
            out.writeInt(RpcMessageType.MSG_ACCEPTED);
            verifier.encode(out);
            out.writeInt(status.code());
            if (status == ReplyStatus.PROG_MISMATCH) {
                out.writeInt(low).writeInt(high);
            }
        } else {
            out.writeInt(RpcMessageType.MSG_DENIED).writeInt(status.code());
            if (status == ReplyStatus.RPC_MISMATCH) {
                out.writeInt(low).writeInt(high);
            } else {
                out.writeInt(authStat.code());
            }
        }
    }

    /** Decodes everything after {@code xid} and {@code msg_type}, which the caller has read. */
    public static RpcReplyHeader decodeAfterType(int xid, XdrDecoder in) {
        int replyStat = in.readEnum("reply_stat", 2);
        if (replyStat == RpcMessageType.MSG_ACCEPTED) {
            OpaqueAuth verf = OpaqueAuth.decode(in);
            ReplyStatus status = ReplyStatus.values()[in.readEnum("accept_stat", 6)];
            if (status == ReplyStatus.PROG_MISMATCH) {
                return new RpcReplyHeader(xid, status, verf, in.readInt(), in.readInt(), null);
            }
            return new RpcReplyHeader(xid, status, verf, 0, 0, null);
        }
        int rejectStat = in.readEnum("reject_stat", 2);
        if (rejectStat == 0) {
            return rpcMismatch(xid, in.readInt(), in.readInt());
        }
        int code = in.readInt();
        AuthStat why = AuthStat.of(code)
                .orElseThrow(() -> new XdrException("unknown auth_stat " + code));
        return authError(xid, why);
    }

    /** Decodes a whole reply header, {@code xid} and {@code msg_type} included. */
    public static RpcReplyHeader decode(XdrDecoder in) {
        int xid = in.readInt();
        int type = in.readInt();
        if (type != RpcMessageType.REPLY) {
            throw new XdrException("msg_type " + type + " where a REPLY (1) was expected");
        }
        return decodeAfterType(xid, in);
    }
}
