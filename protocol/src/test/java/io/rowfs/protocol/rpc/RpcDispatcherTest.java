package io.rowfs.protocol.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rowfs.protocol.testsupport.CapturingReplyChannel;
import io.rowfs.protocol.testsupport.RpcMessages;
import io.rowfs.protocol.testsupport.TestProgram;
import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrLimits;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RpcDispatcherTest {
    private final RpcDispatcher dispatcher = new RpcDispatcher(List.of(new TestProgram()), XdrLimits.DEFAULT);
    private final CapturingReplyChannel channel = new CapturingReplyChannel();

    private byte[] dispatch(byte[] message) throws InterruptedException {
        ByteBuf record = Unpooled.wrappedBuffer(message);
        try {
            dispatcher.dispatch(record, channel);
        } finally {
            record.release();
        }
        return channel.next();
    }

    private RpcReplyHeader header(byte[] message) throws InterruptedException {
        byte[] reply = dispatch(message);
        assertTrue(reply.length > 0, "expected a reply");
        return RpcMessages.replyHeader(reply);
    }

    private static byte[] call(int xid, int vers, int proc, XdrWriter args) {
        return RpcMessages.call(xid, TestProgram.PROGRAM, vers, proc, AuthNone.INSTANCE, args);
    }

    @Test
    void nullCallSucceedsWithMatchingXid() throws Exception {
        RpcReplyHeader h = header(RpcMessages.nullCall(0xCAFEBABE));
        assertEquals(ReplyStatus.SUCCESS, h.status());
        assertEquals(0xCAFEBABE, h.xid());
    }

    @Test
    void resultsFollowTheHeader() throws Exception {
        byte[] reply = dispatch(call(3, 2, TestProgram.INCREMENT, out -> out.writeInt(41)));
        ByteBuf buf = Unpooled.wrappedBuffer(reply);
        XdrDecoder in = new XdrDecoder(buf);
        assertEquals(ReplyStatus.SUCCESS, RpcReplyHeader.decode(in).status());
        assertEquals(42, in.readInt());
        assertEquals(0, in.remaining());
        buf.release();
    }

    @Test
    void unknownProgramIsProgUnavail() throws Exception {
        byte[] m = RpcMessages.call(1, 4242, 1, 0, AuthNone.INSTANCE, XdrWriter.VOID);
        assertEquals(ReplyStatus.PROG_UNAVAIL, header(m).status());
    }

    @Test
    void versionOutOfRangeIsProgMismatchWithTheRange() throws Exception {
        for (int vers : new int[] {0, 3, -1}) {
            RpcReplyHeader h = header(call(1, vers, 0, XdrWriter.VOID));
            assertEquals(ReplyStatus.PROG_MISMATCH, h.status());
            assertEquals(1, h.low());
            assertEquals(2, h.high());
        }
    }

    @Test
    void missingProcedureIsProcUnavail() throws Exception {
        assertEquals(ReplyStatus.PROC_UNAVAIL, header(call(1, 1, TestProgram.MISSING, XdrWriter.VOID)).status());
    }

    @Test
    void xdrExceptionFromTheProgramIsGarbageArgs() throws Exception {
        assertEquals(ReplyStatus.GARBAGE_ARGS, header(call(1, 1, TestProgram.INCREMENT, XdrWriter.VOID)).status());
    }

    @Test
    void runtimeExceptionFromTheProgramIsSystemErr() throws Exception {
        assertEquals(ReplyStatus.SYSTEM_ERR, header(call(1, 1, TestProgram.CRASH, XdrWriter.VOID)).status());
    }

    @Test
    void rpcVersion3IsRpcMismatch() throws Exception {
        byte[] m = RpcMessages.call(new RpcCallHeader(8, 3, TestProgram.PROGRAM, 1, 0,
                OpaqueAuth.NONE, OpaqueAuth.NONE), XdrWriter.VOID);
        RpcReplyHeader h = header(m);
        assertEquals(ReplyStatus.RPC_MISMATCH, h.status());
        assertEquals(2, h.low());
        assertEquals(2, h.high());
        assertEquals(8, h.xid());
    }

    @Test
    void unsupportedFlavorIsAuthBadCred() throws Exception {
        RpcReplyHeader h = header(RpcMessages.callWithCredential(1, new OpaqueAuth(AuthFlavor.RPCSEC_GSS, new byte[20])));
        assertEquals(ReplyStatus.AUTH_ERROR, h.status());
        assertSame(AuthStat.AUTH_BADCRED, h.authStat());
    }

    @Test
    void authSysReachesTheProgram() throws Exception {
        byte[] m = RpcMessages.call(1, TestProgram.PROGRAM, 1, TestProgram.WHOAMI,
                new AuthSys(0, "x", 1234, 5), XdrWriter.VOID);
        byte[] reply = dispatch(m);
        assertEquals(1234, Unpooled.wrappedBuffer(reply).getInt(reply.length - 4));
    }

    @Test
    void truncatedHeadersAreGarbageOrDropped() throws Exception {
        byte[] full = RpcMessages.callWithCredential(77, new AuthSys(1, "host", 1, 1).toOpaqueAuth());
        for (int len = 0; len < full.length; len++) {
            byte[] reply = dispatch(Arrays.copyOf(full, len));
            if (len < 8) {
                assertArrayEquals(CapturingReplyChannel.NO_REPLY, reply, "length " + len);
            } else {
                RpcReplyHeader h = RpcMessages.replyHeader(reply);
                assertEquals(77, h.xid());
                assertTrue(h.status() == ReplyStatus.GARBAGE_ARGS, "length " + len + ": " + h);
            }
        }
    }

    @Test
    void repliesAreNotAnswered() throws Exception {
        byte[] reply = new byte[] {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0};
        assertArrayEquals(CapturingReplyChannel.NO_REPLY, dispatch(reply));
    }

    @Test
    void lateReplyFromAnotherThreadArrivesOnce() throws Exception {
        byte[] data = {1, 2, 3, 4, 5};
        byte[] reply = dispatch(call(5, 1, TestProgram.ECHO, out -> out.writeOpaque(data)));
        ByteBuf buf = Unpooled.wrappedBuffer(reply);
        XdrDecoder in = new XdrDecoder(buf);
        assertEquals(ReplyStatus.SUCCESS, RpcReplyHeader.decode(in).status());
        assertArrayEquals(data, in.readOpaque("echo", 100));
        buf.release();
        Thread.sleep(20);
        assertTrue(channel.isEmpty());
    }

    @Test
    void secondAnswerIsDropped() throws Exception {
        RpcProgram twice = new RpcProgram() {
            public int program() { return 9; }
            public int lowVersion() { return 1; }
            public int highVersion() { return 1; }
            public boolean hasProcedure(int v, int p) { return true; }
            public void call(RpcCall call, RpcReplier r) {
                r.success(XdrWriter.VOID);
                r.systemError();
                throw new IllegalStateException("after answering");
            }
        };
        RpcDispatcher d = new RpcDispatcher(List.of(twice), XdrLimits.DEFAULT);
        ByteBuf rec = Unpooled.wrappedBuffer(RpcMessages.call(1, 9, 1, 0, AuthNone.INSTANCE, XdrWriter.VOID));
        d.dispatch(rec, channel);
        rec.release();
        assertEquals(ReplyStatus.SUCCESS, RpcMessages.replyHeader(channel.next()).status());
        assertTrue(channel.isEmpty());
    }

    @Test
    void resultEncodingFailureBecomesSystemErr() throws Exception {
        RpcProgram bad = new RpcProgram() {
            public int program() { return 9; }
            public int lowVersion() { return 1; }
            public int highVersion() { return 1; }
            public boolean hasProcedure(int v, int p) { return true; }
            public void call(RpcCall call, RpcReplier r) {
                r.success(out -> { throw new IllegalStateException("cannot encode"); });
            }
        };
        RpcDispatcher d = new RpcDispatcher(List.of(bad), XdrLimits.DEFAULT);
        ByteBuf rec = Unpooled.wrappedBuffer(RpcMessages.call(1, 9, 1, 0, AuthNone.INSTANCE, XdrWriter.VOID));
        d.dispatch(rec, channel);
        rec.release();
        assertEquals(ReplyStatus.SYSTEM_ERR, RpcMessages.replyHeader(channel.next()).status());
    }
}
