package io.rowfs.protocol.portmap;

import io.rowfs.protocol.client.RpcClient;
import io.rowfs.protocol.rpc.AuthNone;
import io.rowfs.protocol.rpc.XdrWriter;
import io.rowfs.protocol.rpc.RpcProgram;
import io.rowfs.protocol.transport.RpcServer;
import java.util.ArrayList;
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

    /**
     * Registers every version of every program {@code server} serves, on each of its transports,
     * with this (external) portmapper; true when every SET was accepted.
     */
    public CompletableFuture<Boolean> registerServer(RpcServer server) {
        List<CompletableFuture<Boolean>> sets = new ArrayList<>();
        for (RpcProgram p : server.programs()) {
            for (int v = p.lowVersion(); v <= p.highVersion(); v++) {
                if (server.tcpEnabled()) sets.add(set(new Mapping(p.program(), v, Portmap.IPPROTO_TCP, server.port())));
                if (server.udpEnabled()) sets.add(set(new Mapping(p.program(), v, Portmap.IPPROTO_UDP, server.port())));
            }
        }
        return CompletableFuture.allOf(sets.toArray(CompletableFuture[]::new))
                .thenApply(done -> sets.stream().allMatch(CompletableFuture::join));
    }

    public CompletableFuture<List<Mapping>> dump() {
        return rpc.call(Portmap.PROGRAM, Portmap.VERSION, Portmap.PROC_DUMP, AuthNone.INSTANCE,
                XdrWriter.VOID, PmapList::decode);
    }
}
