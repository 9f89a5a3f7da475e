package io.rowfs.protocol.rpc;

import io.netty.buffer.ByteBuf;
import io.rowfs.protocol.xdr.FileSlice;
import io.rowfs.protocol.xdr.MessageBuffers;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link RpcReplier} for one call: encodes the reply and hands it to its channel, once. */
final class ChannelReplier implements RpcReplier {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelReplier.class);

    /** Room for the accepted reply's header (xid, type, status, verifier, accept status). */
    private static final int REPLY_HEADER_BYTES = 32;

    private final int xid;
    private final ReplyChannel channel;
    /** Set by the first answer, from whichever thread gives it. */
    private final AtomicBoolean answered = new AtomicBoolean();

    ChannelReplier(int xid, ReplyChannel channel) {
        this.xid = xid;
        this.channel = channel;
    }

    boolean answered() {
        return answered.get();
    }

    @Override
    public void success(XdrWriter body) {
        if (!claim(ReplyStatus.SUCCESS)) return;
        // A composite, so that large READ payloads can be appended as components instead of
        // copied (see nfs3 Payload); small replies live in its first component.
        ByteBuf buf = MessageBuffers.newMessage(channel.alloc(), body.sizeHint() + REPLY_HEADER_BYTES);
        FileSlice tail;
        try {
            XdrEncoder out = new XdrEncoder(buf);
            RpcReplyHeader.accepted(xid, ReplyStatus.SUCCESS).encode(out);
            body.write(out);
            tail = out.tail();
            if (tail != null && !channel.sendsFiles()) {
                appendCopy(buf, tail);
                tail = null;
            }
        } catch (RuntimeException e) {
            buf.release();
            LOG.error("encoding the results of xid {} failed; answering SYSTEM_ERR",
                    Integer.toUnsignedString(xid), e);
            send(RpcReplyHeader.accepted(xid, ReplyStatus.SYSTEM_ERR));
            return;
        }
        if (tail != null) {
            channel.send(buf, tail.retain()); // the body only lent it: the channel gets its own reference
        } else {
            channel.send(buf);
        }
    }

    /** Copies the file bytes a message ends with, and their padding, into the message itself. */
    private void appendCopy(ByteBuf message, FileSlice tail) {
        ByteBuf data = channel.alloc().directBuffer(tail.length());
        try {
            tail.readInto(data);
        } catch (RuntimeException | Error e) {
            data.release();
            throw e;
        }
        MessageBuffers.append(message, data);
        XdrEncoder.writePadding(message, XdrEncoder.tailPadding(tail));
    }

    @Override
    public void garbageArgs() {
        answer(RpcReplyHeader.accepted(xid, ReplyStatus.GARBAGE_ARGS));
    }

    @Override
    public void systemError() {
        answer(RpcReplyHeader.accepted(xid, ReplyStatus.SYSTEM_ERR));
    }

    @Override
    public void procUnavailable() {
        answer(RpcReplyHeader.accepted(xid, ReplyStatus.PROC_UNAVAIL));
    }

    @Override
    public void authError(AuthStat why) {
        answer(RpcReplyHeader.authError(xid, why));
    }

    /** Answers with a header-only reply (every state but SUCCESS). */
    void answer(RpcReplyHeader header) {
        if (claim(header.status())) {
            send(header);
        }
    }

    private boolean claim(ReplyStatus status) {
        if (answered.compareAndSet(false, true)) return true;
        LOG.warn("xid {} answered twice; dropping the second answer ({})",
                Integer.toUnsignedString(xid), status);
        return false;
    }

    private void send(RpcReplyHeader header) {
        ByteBuf buf = channel.alloc().buffer(32);
        header.encode(new XdrEncoder(buf));
        channel.send(buf);
    }
}
