package io.rowfs.protocol.client;

import io.rowfs.protocol.rpc.ReplyStatus;
import io.rowfs.protocol.rpc.RpcReplyHeader;

/** The server answered with a state other than SUCCESS (typed calls only). */
public final class RpcStatusException extends RpcClientException {
    private final RpcReplyHeader header;

    public RpcStatusException(String call, RpcReplyHeader header) {
        super(call + " answered " + header.status()
                + (header.authStat() != null ? " " + header.authStat() : "")
                + (header.status() == ReplyStatus.PROG_MISMATCH || header.status() == ReplyStatus.RPC_MISMATCH
                        ? " (supported " + header.low() + ".." + header.high() + ")" : ""));
        this.header = header;
    }

    public RpcReplyHeader header() {
        return header;
    }

    public ReplyStatus status() {
        return header.status();
    }
}
