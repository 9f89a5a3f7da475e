package io.rowfs.protocol.portmap;

import io.rowfs.protocol.client.RpcClient;
import io.rowfs.protocol.rpc.AuthNone;
import io.rowfs.protocol.rpc.XdrWriter;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Typed portmapper v2 calls over an {@link RpcClient} (which the caller owns and closes). */
public final class PortmapClient {
    private final RpcClient rpc;

    public PortmapClient(RpcClient rpc) {
        this.rpc = rpc;
    }

    public CompletableFuture<Void> ping() {
        return rpc.call(Portmap.PROGRAM, Portmap.VERSION, Portmap.PROC_NULL, AuthNone.INSTANCE,
                XdrWriter.VOID, in -> null);
    }

    /** GETPORT: the port, or 0 when not registered. {@code protocol} is IPPROTO_TCP or IPPROTO_UDP. */
    public CompletableFuture<Integer> getPort(int program, int version, int protocol) {
        Mapping query = new Mapping(program, version, protocol, 0);
        return rpc.call(Portmap.PROGRAM, Portmap.VERSION, Portmap.PROC_GETPORT, AuthNone.INSTANCE,
                query::encode, in -> (int) in.readUnsignedInt());
    }

    public CompletableFuture<Boolean> set(Mapping mapping) {
        return rpc.call(Portmap.PROGRAM, Portmap.VERSION, Portmap.PROC_SET, AuthNone.INSTANCE,
                mapping::encode, in -> in.readBoolean());
    }

    /** UNSET every protocol of (program, version). */
    public CompletableFuture<Boolean> unset(int program, int version) {
        Mapping mapping = new Mapping(program, version, 0, 0);
        return rpc.call(Portmap.PROGRAM, Portmap.VERSION, Portmap.PROC_UNSET, AuthNone.INSTANCE,
                mapping::encode, in -> in.readBoolean());
    }

    public CompletableFuture<List<Mapping>> dump() {
        return rpc.call(Portmap.PROGRAM, Portmap.VERSION, Portmap.PROC_DUMP, AuthNone.INSTANCE,
                XdrWriter.VOID, PmapList::decode);
    }
}
