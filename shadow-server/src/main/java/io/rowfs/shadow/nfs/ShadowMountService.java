package io.rowfs.shadow.nfs;

import io.rowfs.protocol.mount.ExportEntry;
import io.rowfs.protocol.mount.MountResult;
import io.rowfs.protocol.mount.MountService;
import io.rowfs.protocol.mount.MountStat;
import io.rowfs.protocol.rpc.AuthFlavor;
import io.rowfs.protocol.rpc.Credentials;
import io.rowfs.shadow.fs.FsException;
import io.rowfs.shadow.fs.IoExecutor;
import io.rowfs.shadow.fs.ShadowFs;
import io.rowfs.protocol.nfs3.Filename;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * MOUNT v3 for the one export. The export's path (as given on the command line, or its real
 * path) and "/" mount the root; a path below it (as knfsd and ganesha allow, and as libnfs asks
 * for when a URL names a subdirectory) is walked one component at a time with LOOKUP's checks,
 * so it can never leave the export or enter the state directory. Other paths: MNT3ERR_NOENT.
 * Offers AUTH_SYS and AUTH_NONE. The walk blocks, so it runs on the I/O executor.
 */
public final class ShadowMountService implements MountService {
    private final ShadowFs fs;
    private final IoExecutor io;
    private final List<String> prefixes;
    private final String exportName;

    public ShadowMountService(ShadowFs fs, IoExecutor io, String exportName) {
        this.fs = fs;
        this.io = io;
        this.exportName = strip(exportName);
        this.prefixes = List.of(this.exportName, strip(fs.root().toString()));
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
        return io.submit(0, () -> answer(strip(dirPath)));
    }

    private MountResult answer(String path) {
        String rest = null;
        if (path.equals("/")) {
            rest = "";
        }
        for (String p : prefixes) {
            if (rest == null && path.equals(p)) {
                rest = "";
            } else if (rest == null && path.startsWith(p + "/")) {
                rest = path.substring(p.length() + 1);
            }
        }
        if (rest == null) {
            return MountResult.error(MountStat.MNT3ERR_NOENT);
        }
        try {
            ShadowFs.Node n = fs.node(fs.rootHandle());
            for (String part : rest.split("/")) {
                if (part.isEmpty()) {
                    continue;
                }
                if (Filename.isDotOrDotDot(part)) {
                    return MountResult.error(MountStat.MNT3ERR_INVAL);
                }
                n = fs.lookup(n, part);
            }
            if (!n.attrs().isDirectory()) {
                return MountResult.error(MountStat.MNT3ERR_NOTDIR);
            }
            return MountResult.ok(fs.handle(n.inode()), AuthFlavor.AUTH_SYS, AuthFlavor.AUTH_NONE);
        } catch (NoSuchFileException e) {
            return MountResult.error(MountStat.MNT3ERR_NOENT);
        } catch (FsException e) {
            return MountResult.error(switch (e.error()) {
                case NOT_DIR -> MountStat.MNT3ERR_NOTDIR;
                case NAME_TOO_LONG -> MountStat.MNT3ERR_NAMETOOLONG;
                case ACCESS -> MountStat.MNT3ERR_ACCES;
                default -> MountStat.MNT3ERR_INVAL;
            });
        } catch (IOException e) {
            return MountResult.error(MountStat.MNT3ERR_IO);
        }
    }

    @Override
    public List<ExportEntry> exports() {
        return List.of(new ExportEntry(exportName, List.of()));
    }
}
