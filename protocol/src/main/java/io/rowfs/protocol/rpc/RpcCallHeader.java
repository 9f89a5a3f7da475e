package io.rowfs.protocol.rpc;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import io.rowfs.protocol.xdr.XdrException;

/**
 * The header of an RPC call (RFC 5531 section 9); the procedure's arguments follow it.
 * <pre>
 *   +-----+------------+---------+------+------+------+-------------+-------------+------
 *   | xid | CALL (=0)  | rpcvers | prog | vers | proc | cred        | verf        | args...
 *   +-----+------------+---------+------+------+------+-------------+-------------+------
 *                                                      opaque_auth   opaque_auth
 * </pre>
 *
 * @param rpcVersion the caller's {@code rpcvers}; anything but 2 is answered with RPC_MISMATCH
 */
public record RpcCallHeader(int xid, int rpcVersion, int program, int version, int procedure,
                            OpaqueAuth credential, OpaqueAuth verifier) {

    /** A version-2 call header. */
    public static RpcCallHeader of(int xid, int program, int version, int procedure,
                                   Credentials cred) {
        return new RpcCallHeader(xid, RpcMessageType.RPC_VERSION, program, version, procedure,
                cred.toOpaqueAuth(), OpaqueAuth.NONE);
    }

    public void encode(XdrEncoder out) {
        out.writeInt(xid).writeInt(RpcMessageType.CALL).writeInt(rpcVersion)
                .writeInt(program).writeInt(version).writeInt(procedure);
        credential.encode(out);
        verifier.encode(out);
    }

    /**
     * Decodes everything after {@code xid} and {@code msg_type}, which the caller has read (it needs
     * them to tell calls from replies). An {@code rpcvers} other than 2 stops decoding there: the
     * returned header then has null credential and verifier.
     */
    public static RpcCallHeader decodeAfterType(int xid, XdrDecoder in) {
        int rpcvers = in.readInt();
        if (rpcvers != RpcMessageType.RPC_VERSION) {
            return new RpcCallHeader(xid, rpcvers, 0, 0, 0, null, null);
        }
        int prog = in.readInt();
        int vers = in.readInt();
        int proc = in.readInt();
        OpaqueAuth cred = OpaqueAuth.decode(in);
        OpaqueAuth verf = OpaqueAuth.decode(in);
        return new RpcCallHeader(xid, rpcvers, prog, vers, proc, cred, verf);
    }

    /** Decodes a whole call header, {@code xid} and {@code msg_type} included. */
    public static RpcCallHeader decode(XdrDecoder in) {
        int xid = in.readInt();
        int type = in.readInt();
        if (type != RpcMessageType.CALL) {
            throw new XdrException("msg_type " + type + " where a CALL (0) was expected");
        }
        return decodeAfterType(xid, in);
    }
}
