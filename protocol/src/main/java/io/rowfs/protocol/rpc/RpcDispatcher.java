package io.rowfs.protocol.rpc;

import io.netty.buffer.ByteBuf;
import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrException;
import io.rowfs.protocol.xdr.XdrLimits;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one transport-neutral RPC parser and dispatcher, and the one place that maps failures to
 * reply states and log levels:
 * <ul>
 *   <li>record too short for xid and msg_type, or not a CALL: dropped, no reply (debug);</li>
 *   <li>rpcvers != 2: MSG_DENIED RPC_MISMATCH(2, 2);</li>
 *   <li>truncated header: GARBAGE_ARGS (warn, a bad client);</li>
 *   <li>bad or unsupported credential, {@link RpcAuthException}: AUTH_ERROR (warn);</li>
 *   <li>unknown program: PROG_UNAVAIL; version outside the program's range: PROG_MISMATCH;
 *       {@link RpcProgram#hasProcedure} false: PROC_UNAVAIL (debug, routine);</li>
 *   <li>{@link XdrException} out of {@link RpcProgram#call}: GARBAGE_ARGS (warn, a bad client);</li>
 *   <li>any other RuntimeException out of it: SYSTEM_ERR (error, a server bug).</li>
 * </ul>
 * Immutable after construction and shared by every connection.
 */
public final class RpcDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(RpcDispatcher.class);

    private final Map<Integer, RpcProgram> programs;
    private final XdrLimits limits;

    public RpcDispatcher(List<RpcProgram> programs, XdrLimits limits) {
        Map<Integer, RpcProgram> byNumber = new HashMap<>();
        for (RpcProgram p : programs) {
            if (byNumber.putIfAbsent(p.program(), p) != null) {
                throw new IllegalArgumentException("program " + p.program() + " registered twice");
            }
        }
        this.programs = Map.copyOf(byNumber);
        this.limits = limits;
    }

    /**
     * Parses one record and runs the call. The caller keeps ownership of {@code record} and
     * releases it when this returns.
     */
    public void dispatch(ByteBuf record, ReplyChannel channel) {
        XdrDecoder in = new XdrDecoder(record, limits);
        if (in.remaining() < 8) {
            LOG.debug("dropping a {}-byte record from {}: too short for an RPC message",
                    in.remaining(), channel.remoteAddress());
            channel.noReply();
            return;
        }
        int xid = in.readInt();
        int type = in.readInt();
        if (type != RpcMessageType.CALL) {
            LOG.debug("dropping a message of type {} from {}: not a call", type, channel.remoteAddress());
            channel.noReply();
            return;
        }
        ChannelReplier replier = new ChannelReplier(xid, channel);
        RpcCallHeader header;
        Credentials cred;
        try {
            header = RpcCallHeader.decodeAfterType(xid, in);
            if (header.rpcVersion() != RpcMessageType.RPC_VERSION) {
                LOG.debug("rpcvers {} from {}", header.rpcVersion(), channel.remoteAddress());
                replier.answer(RpcReplyHeader.rpcMismatch(xid, 2, 2));
                return;
            }
            cred = Credentials.fromOpaqueAuth(header.credential());
        } catch (XdrException e) {
            LOG.warn("garbage call header from {}: {}", channel.remoteAddress(), e.getMessage());
            replier.garbageArgs();
            return;
        } catch (RpcAuthException e) {
            LOG.warn("refusing the credential from {}: {}", channel.remoteAddress(), e.getMessage());
            replier.authError(e.stat());
            return;
        }
        route(new RpcCall(header, cred, in, channel.remoteAddress(), channel.transport()), replier);
    }

    private void route(RpcCall call, ChannelReplier replier) {
        RpcProgram program = programs.get(call.program());
        if (program == null) {
            LOG.debug("{}: program unavailable", call);
            replier.answer(RpcReplyHeader.accepted(call.xid(), ReplyStatus.PROG_UNAVAIL));
        } else if (call.version() < program.lowVersion() || call.version() > program.highVersion()) {
            LOG.debug("{}: version mismatch", call);
            replier.answer(RpcReplyHeader.progMismatch(call.xid(), program.lowVersion(),
                    program.highVersion()));
        } else if (!program.hasProcedure(call.version(), call.procedure())) {
            LOG.debug("{}: procedure unavailable", call);
            replier.procUnavailable();
        } else {
            invoke(program, call, replier);
        }
    }

    private static void invoke(RpcProgram program, RpcCall call, ChannelReplier replier) {
        try {
            program.call(call, replier);
        } catch (XdrException e) {
            LOG.warn("{}: garbage arguments: {}", call, e.getMessage());
            replyUnlessAnswered(replier, ReplyStatus.GARBAGE_ARGS, call);
        } catch (RpcAuthException e) {
            LOG.warn("{}: refused: {}", call, e.getMessage());
            if (!replier.answered()) replier.authError(e.stat());
        } catch (RuntimeException e) {
            LOG.error("{}: program {} failed", call, program.getClass().getName(), e);
            replyUnlessAnswered(replier, ReplyStatus.SYSTEM_ERR, call);
        }
    }

    private static void replyUnlessAnswered(ChannelReplier replier, ReplyStatus status, RpcCall call) {
        if (replier.answered()) {
            LOG.warn("{}: already answered before the failure; not sending {}", call, status);
            return;
        }
        replier.answer(RpcReplyHeader.accepted(call.xid(), status));
    }
}
