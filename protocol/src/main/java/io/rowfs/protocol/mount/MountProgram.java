package io.rowfs.protocol.mount;

import io.rowfs.protocol.rpc.RpcCall;
import io.rowfs.protocol.rpc.RpcProgram;
import io.rowfs.protocol.rpc.RpcReplier;
import io.rowfs.protocol.rpc.XdrWriter;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MOUNT v3 (RFC 1813 appendix I) around a {@link MountService}: decodes each procedure's
 * arguments, asks the service, encodes its answer, and keeps the DUMP table. A service failure on
 * MNT is answered MNT3ERR_SERVERFAULT and logged as a server bug.
 */
public final class MountProgram implements RpcProgram {
    private static final Logger LOG = LoggerFactory.getLogger(MountProgram.class);

    private final MountService service;
    private final MountTable table = new MountTable();

    public MountProgram(MountService service) {
        this.service = service;
    }

    public MountTable table() {
        return table;
    }

    @Override
    public int program() {
        return Mount.PROGRAM;
    }

    @Override
    public int lowVersion() {
        return Mount.VERSION;
    }

    @Override
    public int highVersion() {
        return Mount.VERSION;
    }

    @Override
    public boolean hasProcedure(int version, int procedure) {
        return procedure >= Mount.PROC_NULL && procedure <= Mount.PROC_EXPORT;
    }

    @Override
    public void call(RpcCall call, RpcReplier replier) {
        switch (call.procedure()) {
            case Mount.PROC_NULL -> replier.success(XdrWriter.VOID);
            case Mount.PROC_MNT -> mount(call, replier);
            case Mount.PROC_DUMP -> {
                var entries = table.entries();
                replier.success(out -> MountLists.encodeMountList(entries, out));
            }
            case Mount.PROC_UMNT -> {
                String dir = call.args().readString("dirpath", Mount.MNTPATHLEN);
                table.remove(host(call.remoteAddress()), dir);
                replier.success(XdrWriter.VOID);
            }
            case Mount.PROC_UMNTALL -> {
                table.removeAll(host(call.remoteAddress()));
                replier.success(XdrWriter.VOID);
            }
            case Mount.PROC_EXPORT -> {
                var exports = service.exports();
                replier.success(out -> MountLists.encodeExports(exports, out));
            }
            default -> replier.procUnavailable();
        }
    }

    private void mount(RpcCall call, RpcReplier replier) {
        String dir = call.args().readString("dirpath", Mount.MNTPATHLEN);
        String host = host(call.remoteAddress());
        service.mount(dir, call.credentials(), call.remoteAddress()).whenComplete((result, failure) -> {
            MountResult answer = result;
            if (failure != null || result == null) {
                LOG.error("mount service failed on MNT {} from {}", dir, host, failure);
                answer = MountResult.error(MountStat.MNT3ERR_SERVERFAULT);
            } else if (result.isOk()) {
                table.add(host, dir);
            }
            LOG.debug("MNT {} from {}: {}", dir, host, answer);
            MountResult reply = answer;
            replier.success(reply::encode);
        });
    }

    /** The client's address as DUMP lists it (Linux lists addresses, not names, too). */
    static String host(InetSocketAddress client) {
        return client == null || client.getAddress() == null ? "unknown" : client.getAddress().getHostAddress();
    }
}
