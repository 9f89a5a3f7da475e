package io.rowfs.shadow.nfs;

import io.rowfs.protocol.mount.ExportEntry;
import io.rowfs.protocol.mount.MountResult;
import io.rowfs.protocol.mount.MountService;
import io.rowfs.protocol.mount.MountStat;
import io.rowfs.protocol.rpc.AuthFlavor;
import io.rowfs.protocol.rpc.Credentials;
import io.rowfs.shadow.fs.ShadowFs;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * MOUNT v3 for the one export: the export's path (as given, or its real path) and "/" mount the
 * root handle; anything else is MNT3ERR_NOENT. Offers AUTH_SYS and AUTH_NONE.
 */
public final class ShadowMountService implements MountService {
    private final Set<String> names;
    private final String exportName;
    private final byte[] rootHandle;

    public ShadowMountService(ShadowFs fs, String exportName) {
        this.exportName = exportName;
        this.names = Set.of(strip(exportName), strip(fs.root().toString()), "/");
        this.rootHandle = fs.rootHandle();
    }

    private static String strip(String p) {
        String s = p;
        while (s.length() > 1 && s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    @Override
    public CompletionStage<MountResult> mount(String dirPath, Credentials credentials, InetSocketAddress client) {
        if (names.contains(strip(dirPath))) {
            return CompletableFuture.completedFuture(
                    MountResult.ok(rootHandle, AuthFlavor.AUTH_SYS, AuthFlavor.AUTH_NONE));
        }
        return CompletableFuture.completedFuture(MountResult.error(MountStat.MNT3ERR_NOENT));
    }

    @Override
    public List<ExportEntry> exports() {
        return List.of(new ExportEntry(exportName, List.of()));
    }
}
