package io.rowfs.protocol.rpc;

import io.rowfs.protocol.xdr.XdrDecoder;
import java.net.InetSocketAddress;

/**
 * One decoded call as a program sees it. {@link #args()} reads from the record buffer, which is
 * valid only until {@link RpcProgram#call} returns.
 */
public final class RpcCall {
    private final RpcCallHeader header;
    private final Credentials credentials;
    private final XdrDecoder args;
    private final InetSocketAddress remoteAddress;
    private final Transport transport;

    public RpcCall(RpcCallHeader header, Credentials credentials, XdrDecoder args,
                   InetSocketAddress remoteAddress, Transport transport) {
        this.header = header;
        this.credentials = credentials;
        this.args = args;
        this.remoteAddress = remoteAddress;
        this.transport = transport;
    }

    public int xid() {
        return header.xid();
    }

    public int program() {
        return header.program();
    }

    public int version() {
        return header.version();
    }

    public int procedure() {
        return header.procedure();
    }

    public Credentials credentials() {
        return credentials;
    }

    public OpaqueAuth verifier() {
        return header.verifier();
    }

    /** The procedure's arguments; valid only during {@link RpcProgram#call}. */
    public XdrDecoder args() {
        return args;
    }

    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    public Transport transport() {
        return transport;
    }

    @Override
    public String toString() {
        return "RpcCall[xid=" + Integer.toUnsignedString(xid()) + ", prog=" + program() + ", vers="
                + version() + ", proc=" + procedure() + ", " + transport + " from " + remoteAddress + "]";
    }
}
