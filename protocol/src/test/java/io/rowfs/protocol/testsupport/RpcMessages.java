package io.rowfs.protocol.testsupport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rowfs.protocol.rpc.AuthNone;
import io.rowfs.protocol.rpc.Credentials;
import io.rowfs.protocol.rpc.OpaqueAuth;
import io.rowfs.protocol.rpc.RpcCallHeader;
import io.rowfs.protocol.rpc.RpcReplyHeader;
import io.rowfs.protocol.rpc.XdrWriter;
import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;

/** Builds RPC messages as bytes for tests that talk to servers without the client. */
public final class RpcMessages {
    private RpcMessages() {
    }

    public static byte[] call(int xid, int prog, int vers, int proc, Credentials cred, XdrWriter args) {
        return call(RpcCallHeader.of(xid, prog, vers, proc, cred), args);
    }

    public static byte[] call(RpcCallHeader header, XdrWriter args) {
        ByteBuf buf = Unpooled.buffer();
        try {
            XdrEncoder out = new XdrEncoder(buf);
            header.encode(out);
            args.write(out);
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            return bytes;
        } finally {
            buf.release();
        }
    }

    public static byte[] nullCall(int xid) {
        return call(xid, TestProgram.PROGRAM, 1, TestProgram.NULL, AuthNone.INSTANCE, XdrWriter.VOID);
    }

    /** A call header with a raw credential (for malformed or unknown flavors). */
    public static byte[] callWithCredential(int xid, OpaqueAuth cred) {
        return call(new RpcCallHeader(xid, 2, TestProgram.PROGRAM, 1, TestProgram.NULL, cred,
                OpaqueAuth.NONE), XdrWriter.VOID);
    }

    /** {@code bytes} framed as one last fragment. */
    public static byte[] framed(byte[] bytes) {
        byte[] out = new byte[bytes.length + 4];
        int h = 0x8000_0000 | bytes.length;
        out[0] = (byte) (h >>> 24);
        out[1] = (byte) (h >>> 16);
        out[2] = (byte) (h >>> 8);
        out[3] = (byte) h;
        System.arraycopy(bytes, 0, out, 4, bytes.length);
        return out;
    }

    public static RpcReplyHeader replyHeader(byte[] reply) {
        ByteBuf buf = Unpooled.wrappedBuffer(reply);
        try {
            return RpcReplyHeader.decode(new XdrDecoder(buf));
        } finally {
            buf.release();
        }
    }
}
