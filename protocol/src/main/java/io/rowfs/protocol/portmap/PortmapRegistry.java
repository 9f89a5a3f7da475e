package io.rowfs.protocol.portmap;

import io.rowfs.protocol.rpc.RpcProgram;
import io.rowfs.protocol.transport.RpcServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded portmapper's table: one port per (program, version, protocol). Thread-safe; every
 * method holds this object's monitor.
 */
public final class PortmapRegistry {
    private record Key(int program, int version, int protocol) {
    }

    /** Guarded by {@code this}. Insertion order, so DUMP lists entries as they were set. */
    private final Map<Key, Mapping> mappings = new LinkedHashMap<>();

    /**
     * RFC 1833 SET: false when the (program, version, protocol) is already mapped to another port.
     * Setting the same mapping again succeeds, as rpcbind does (a server may re-register).
     */
    public synchronized boolean set(Mapping m) {
        Mapping old = mappings.putIfAbsent(new Key(m.program(), m.version(), m.protocol()), m);
        return old == null || old.port() == m.port();
    }

    /** RFC 1833 UNSET: removes every protocol of (program, version); false when there was none. */
    public synchronized boolean unset(int program, int version) {
        return mappings.keySet().removeIf(k -> k.program == program && k.version == version);
    }

    /** RFC 1833 GETPORT: the port, or 0 when the program is not registered. */
    public synchronized int getPort(int program, int version, int protocol) {
        Mapping m = mappings.get(new Key(program, version, protocol));
        return m == null ? 0 : m.port();
    }

    /** RFC 1833 DUMP: every mapping, in the order they were set. */
    public synchronized List<Mapping> dump() {
        return new ArrayList<>(mappings.values());
    }

    /** Registers every version of every program {@code server} serves, on each of its transports. */
    public void registerServer(RpcServer server) {
        for (RpcProgram p : server.programs()) {
            for (int v = p.lowVersion(); v <= p.highVersion(); v++) {
                if (server.tcpEnabled()) set(new Mapping(p.program(), v, Portmap.IPPROTO_TCP, server.port()));
                if (server.udpEnabled()) set(new Mapping(p.program(), v, Portmap.IPPROTO_UDP, server.port()));
            }
        }
    }
}
