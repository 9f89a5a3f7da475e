package io.rowfs.protocol.mount;

import io.rowfs.protocol.client.RpcClient;
import io.rowfs.protocol.rpc.Credentials;
import io.rowfs.protocol.rpc.XdrWriter;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Typed MOUNT v3 calls over an {@link RpcClient} (which the caller owns and closes). */
public final class MountClient {
    private final RpcClient rpc;
    private final Credentials credentials;

    public MountClient(RpcClient rpc, Credentials credentials) {
        this.rpc = rpc;
        this.credentials = credentials;
    }

    public CompletableFuture<Void> ping() {
        return rpc.call(Mount.PROGRAM, Mount.VERSION, Mount.PROC_NULL, credentials, XdrWriter.VOID,
                in -> null);
    }

    /** MNT: the root handle or an error status. */
    public CompletableFuture<MountResult> mount(String dirPath) {
        return rpc.call(Mount.PROGRAM, Mount.VERSION, Mount.PROC_MNT, credentials,
                out -> out.writeString(dirPath), MountResult::decode);
    }

    public CompletableFuture<Void> unmount(String dirPath) {
        return rpc.call(Mount.PROGRAM, Mount.VERSION, Mount.PROC_UMNT, credentials,
                out -> out.writeString(dirPath), in -> null);
    }

    public CompletableFuture<Void> unmountAll() {
        return rpc.call(Mount.PROGRAM, Mount.VERSION, Mount.PROC_UMNTALL, credentials,
                XdrWriter.VOID, in -> null);
    }

    public CompletableFuture<List<MountEntry>> dump() {
        return rpc.call(Mount.PROGRAM, Mount.VERSION, Mount.PROC_DUMP, credentials, XdrWriter.VOID,
                MountLists::decodeMountList);
    }

    public CompletableFuture<List<ExportEntry>> exports() {
        return rpc.call(Mount.PROGRAM, Mount.VERSION, Mount.PROC_EXPORT, credentials, XdrWriter.VOID,
                MountLists::decodeExports);
    }
}
