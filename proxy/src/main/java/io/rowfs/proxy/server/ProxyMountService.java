package io.rowfs.proxy.server;

import io.rowfs.protocol.mount.ExportEntry;
import io.rowfs.protocol.mount.MountResult;
import io.rowfs.protocol.mount.MountService;
import io.rowfs.protocol.mount.MountStat;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.protocol.rpc.AuthFlavor;
import io.rowfs.protocol.rpc.Credentials;
import io.rowfs.proxy.core.Handles;
import io.rowfs.proxy.core.MergedNames;
import io.rowfs.proxy.core.Resolved;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;

/**
 * MOUNT for the proxy's one export: the export path gives the root's virtual handle; a path below
 * it gives that merged directory's handle (resolved on a worker thread, like LOOKUP).
 */
public final class ProxyMountService implements MountService {
    private final Handles handles;
    private final MergedNames names;
    private final String exportPath;
    private final ExecutorService workers;

    public ProxyMountService(Handles handles, MergedNames names, String exportPath, ExecutorService workers) {
        this.handles = handles;
        this.names = names;
        this.exportPath = strip(exportPath);
        this.workers = workers;
    }

    @Override
    public CompletionStage<MountResult> mount(String dirPath, Credentials credentials, InetSocketAddress client) {
        String path = strip(dirPath);
        String rest;
        if (path.equals(exportPath)) {
            rest = "";
        } else if (exportPath.equals("/") && path.startsWith("/")) {
            rest = path.substring(1);
        } else if (path.startsWith(exportPath + "/")) {
            rest = path.substring(exportPath.length() + 1);
        } else {
            return CompletableFuture.completedFuture(MountResult.error(MountStat.MNT3ERR_NOENT));
        }
        return CompletableFuture.supplyAsync(() -> resolve(rest), workers);
    }

    private MountResult resolve(String rest) {
        try {
            Resolved cur = handles.root();
            for (String part : rest.split("/")) {
                if (part.isEmpty()) {
                    continue;
                }
                if (!cur.isDir()) {
                    return MountResult.error(MountStat.MNT3ERR_NOTDIR);
                }
                Optional<Resolved> next = names.lookup(cur, Filename.of(part));
                if (next.isEmpty()) {
                    return MountResult.error(MountStat.MNT3ERR_NOENT);
                }
                cur = next.get();
            }
            if (!cur.isDir()) {
                return MountResult.error(MountStat.MNT3ERR_NOTDIR);
            }
            return MountResult.ok(handles.handle(cur).bytes(), AuthFlavor.AUTH_SYS, AuthFlavor.AUTH_NONE);
        } catch (NfsException | io.rowfs.proxy.threading.BackendException e) {
            return MountResult.error(MountStat.MNT3ERR_IO);
        }
    }

    @Override
    public List<ExportEntry> exports() {
        return List.of(new ExportEntry(exportPath, List.of()));
    }

    private static String strip(String p) {
        String s = p.isEmpty() ? "/" : p;
        while (s.length() > 1 && s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
