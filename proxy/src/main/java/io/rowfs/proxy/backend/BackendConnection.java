package io.rowfs.proxy.backend;

import io.rowfs.proxy.threading.BackendException;
import io.rowfs.proxy.threading.Await;
import io.rowfs.protocol.client.RpcClient;
import io.rowfs.protocol.client.ThreadConnections;
import io.rowfs.protocol.transport.RpcServer;
import io.rowfs.protocol.mount.MountClient;
import io.rowfs.protocol.mount.MountResult;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Nfs3CallListener;
import io.rowfs.protocol.nfs3.Nfs3Client;
import io.rowfs.protocol.rpc.Credentials;
import java.time.Duration;

/**
 * One mounted back end: the export's root handle (from MOUNT v3) and an NFSv3 client on a pipelined
 * connection that reconnects by itself. Package-private users wrap it as {@link NfsMainStore} (read
 * procedures only) or {@link NfsShadowStore}. Owns and closes its RPC client.
 */
public final class BackendConnection implements AutoCloseable {
    final BackendSpec spec;
    /** Asynchronous, pipelined: for calls nobody waits on (main-data fetches and readahead). */
    final Nfs3Client nfs;
    /** Calls made on the calling worker thread over its own connection: for callers that wait. */
    final Nfs3Client sync;
    final FileHandle root;
    final Credentials credentials;
    final Duration timeout;
    private final RpcClient rpc;
    private final ThreadConnections perThread;

    private BackendConnection(BackendSpec spec, RpcClient rpc, ThreadConnections perThread, FileHandle root,
                              Credentials credentials, Duration timeout, Nfs3CallListener listener) {
        this.spec = spec;
        this.rpc = rpc;
        this.perThread = perThread;
        this.nfs = new Nfs3Client(rpc, listener);
        this.sync = new Nfs3Client(perThread, listener);
        this.root = root;
        this.credentials = credentials;
        this.timeout = timeout;
    }

    /** Mounts {@code spec} with MOUNT v3 and opens the NFS connection. */
    public static BackendConnection mount(BackendSpec spec, Credentials credentials, Duration timeout) {
        return mount(spec, credentials, timeout, Nfs3CallListener.NONE);
    }

    /** As above, telling {@code listener} of every NFS call made on the connection. */
    public static BackendConnection mount(BackendSpec spec, Credentials credentials, Duration timeout,
                                          Nfs3CallListener listener) {
        return mount(spec, credentials, timeout, listener, false);
    }

    /**
     * As above; with {@code privilegedPorts} every connection (MOUNT and NFS) comes from a source
     * port below 1024, as servers exporting with "secure" (knfsd's default) require.
     */
    public static BackendConnection mount(BackendSpec spec, Credentials credentials, Duration timeout,
                                          Nfs3CallListener listener, boolean privilegedPorts) {
        MountResult mounted;
        try (RpcClient mountRpc = RpcClient.builder(spec.mountAddress()).timeout(timeout)
                .privilegedSourcePort(privilegedPorts).build()) {
            mounted = Await.get(() -> new MountClient(mountRpc, credentials).mount(spec.exportPath()), timeout,
                    "MOUNT " + spec);
        }
        if (!mounted.isOk()) {
            throw new BackendException("MOUNT " + spec + " refused: " + mounted.status(), null);
        }
        RpcClient rpc = RpcClient.builder(spec.nfsAddress()).timeout(timeout).privilegedSourcePort(privilegedPorts).build();
        ThreadConnections perThread = new ThreadConnections(spec.nfsAddress(), timeout, RpcServer.DEFAULT_MAX_RECORD,
                privilegedPorts);
        return new BackendConnection(spec, rpc, perThread, FileHandle.of(mounted.handle()), credentials, timeout,
                listener);
    }

    public FileHandle root() {
        return root;
    }

    public BackendSpec spec() {
        return spec;
    }

    @Override
    public void close() {
        perThread.close();
        rpc.close();
    }
}
