package io.rowfs.tests.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rowfs.protocol.client.RpcClient;
import io.rowfs.protocol.mount.MountClient;
import io.rowfs.protocol.mount.MountResult;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.LookupArgs;
import io.rowfs.protocol.nfs3.LookupResult;
import io.rowfs.protocol.nfs3.Nfs3Client;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.rpc.AuthSys;
import io.rowfs.protocol.rpc.Credentials;
import io.rowfs.tests.peers.Ganesha;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real nfs-ganesha (VFS FSAL) exporting {@code dir} read-write in its own network namespace
 * (the infra fixture {@link Ganesha}), mounted with this project's MOUNT v3 client and reached
 * with {@link Nfs3Client} through the fixture's host bridge. Calls run as root (AUTH_SYS uid 0;
 * the export has No_Root_Squash). {@link #close()} stops everything this started.
 */
public final class GaneshaNfs implements AutoCloseable {
    private final Ganesha ganesha;
    private final RpcClient nfsRpc;
    private final Nfs3Client nfs;
    private final FileHandle root;
    private final Credentials cred = new AuthSys(0, "rowfs-test", 0, 0);

    private GaneshaNfs(Ganesha ganesha) {
        this.ganesha = ganesha;
        InetSocketAddress mountAddress = new InetSocketAddress("127.0.0.1", ganesha.hostMountPort());
        try (RpcClient mountRpc = RpcClient.builder(mountAddress).timeout(Duration.ofSeconds(20)).build()) {
            MountResult m = new MountClient(mountRpc, cred).mount(ganesha.exportPath()).join();
            if (!m.isOk()) {
                throw new IllegalStateException("MOUNT " + ganesha.exportPath() + ": " + m.status());
            }
            root = FileHandle.of(m.handle());
        }
        nfsRpc = RpcClient.builder(new InetSocketAddress("127.0.0.1", ganesha.hostNfsPort()))
                .timeout(Duration.ofSeconds(20)).build();
        nfs = new Nfs3Client(nfsRpc);
    }

    /** Starts ganesha exporting {@code dir} and mounts it. */
    public static GaneshaNfs start(Path dir) {
        Ganesha g = Ganesha.start(dir, false);
        try {
            return new GaneshaNfs(g);
        } catch (RuntimeException e) {
            g.close();
            throw e;
        }
    }

    public Nfs3Client nfs() {
        return nfs;
    }

    /** The RPC client under {@link #nfs()}, for raw calls. */
    public RpcClient rpc() {
        return nfsRpc;
    }

    public FileHandle root() {
        return root;
    }

    public Credentials cred() {
        return cred;
    }

    public Path log() {
        return ganesha.log();
    }

    /** LOOKUP of {@code name} in {@code dir}, which must succeed. */
    public FileHandle lookup(FileHandle dir, String name) {
        LookupResult r = nfs.lookup(cred, new LookupArgs(dir, Filename.of(name))).join();
        assertEquals(Nfs3Status.OK, r.status(), "LOOKUP " + name);
        return r.object();
    }

    /** The handle of a '/'-separated path below the export root. */
    public FileHandle walk(String relPath) {
        FileHandle fh = root;
        for (String part : relPath.split("/")) {
            if (!part.isEmpty()) {
                fh = lookup(fh, part);
            }
        }
        return fh;
    }

    @Override
    public void close() {
        try {
            nfsRpc.close();
        } finally {
            ganesha.close();
        }
    }
}
