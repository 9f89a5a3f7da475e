package io.rowfs.protocol.mount;

import io.rowfs.protocol.rpc.Credentials;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * What a MOUNT server decides, implemented by the shadow server and the proxy; {@link MountProgram}
 * does the protocol around it and keeps the DUMP table itself. Implementations must be thread-safe;
 * methods are called on event loops and must not block (return an incomplete stage instead).
 */
public interface MountService {
    /**
     * Resolves {@code dirPath} (at most {@link Mount#MNTPATHLEN} bytes, checked before the call) for
     * this caller: {@link MountResult#ok} with the root handle, or {@link MountResult#error}.
     */
    CompletionStage<MountResult> mount(String dirPath, Credentials credentials, InetSocketAddress client);

    /** The export list answered to EXPORT. */
    List<ExportEntry> exports();
}
