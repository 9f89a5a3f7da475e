package io.rowfs.protocol.portmap;

import io.rowfs.protocol.rpc.RpcCall;
import io.rowfs.protocol.rpc.RpcProgram;
import io.rowfs.protocol.rpc.RpcReplier;
import io.rowfs.protocol.rpc.XdrWriter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded portmapper, version 2 (RFC 1833 section 3) over a {@link PortmapRegistry}. NULL,
 * SET, UNSET, GETPORT and DUMP; CALLIT is PROC_UNAVAIL (it forwards calls to third parties, a
 * known amplification vector). Like rpcbind, SET and UNSET are honoured only from loopback.
 */
public final class PortmapProgram implements RpcProgram {
    private static final Logger LOG = LoggerFactory.getLogger(PortmapProgram.class);

    private final PortmapRegistry registry;

    public PortmapProgram(PortmapRegistry registry) {
        this.registry = registry;
    }

    public PortmapRegistry registry() {
        return registry;
    }

    @Override
    public int program() {
        return Portmap.PROGRAM;
    }

    @Override
    public int lowVersion() {
        return Portmap.VERSION;
    }

    @Override
    public int highVersion() {
        return Portmap.VERSION;
    }

    @Override
    public boolean hasProcedure(int version, int procedure) {
        return procedure >= Portmap.PROC_NULL && procedure <= Portmap.PROC_DUMP;
    }

    @Override
    public void call(RpcCall call, RpcReplier replier) {
        switch (call.procedure()) {
            case Portmap.PROC_NULL -> replier.success(XdrWriter.VOID);
            case Portmap.PROC_SET -> set(call, replier);
            case Portmap.PROC_UNSET -> unset(call, replier);
            case Portmap.PROC_GETPORT -> getPort(call, replier);
            case Portmap.PROC_DUMP -> dump(replier);
            default -> replier.procUnavailable();
        }
    }

    private void set(RpcCall call, RpcReplier replier) {
        Mapping m = Mapping.decode(call.args());
        boolean done = fromLoopback(call) && registry.set(m);
        LOG.debug("SET {} from {}: {}", m, call.remoteAddress(), done);
        replier.success(out -> out.writeBoolean(done));
    }

    private void unset(RpcCall call, RpcReplier replier) {
        Mapping m = Mapping.decode(call.args());
        boolean done = fromLoopback(call) && registry.unset(m.program(), m.version());
        LOG.debug("UNSET {} from {}: {}", m, call.remoteAddress(), done);
        replier.success(out -> out.writeBoolean(done));
    }

    private void getPort(RpcCall call, RpcReplier replier) {
        Mapping m = Mapping.decode(call.args());
        int port = registry.getPort(m.program(), m.version(), m.protocol());
        replier.success(out -> out.writeInt(port));
    }

    private void dump(RpcReplier replier) {
        List<Mapping> all = registry.dump();
        replier.success(out -> PmapList.encode(all, out));
    }

    private static boolean fromLoopback(RpcCall call) {
        return call.remoteAddress() != null && call.remoteAddress().getAddress() != null
                && call.remoteAddress().getAddress().isLoopbackAddress();
    }
}
