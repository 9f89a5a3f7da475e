package io.rowfs.tests.shadow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rowfs.protocol.client.RpcClient;
import io.rowfs.protocol.mount.MountClient;
import io.rowfs.protocol.mount.MountResult;
import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.GetattrArgs;
import io.rowfs.protocol.nfs3.GetattrResult;
import io.rowfs.protocol.nfs3.LookupArgs;
import io.rowfs.protocol.nfs3.LookupResult;
import io.rowfs.protocol.nfs3.Nfs3Client;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.rpc.AuthSys;
import io.rowfs.protocol.rpc.Credentials;
import io.rowfs.shadow.ShadowServer;
import java.net.InetSocketAddress;
import java.time.Duration;

/** The project's NFSv3 client connected to a shadow server, with the export's root handle. */
final class ShadowClient implements AutoCloseable {
    final Credentials cred = new AuthSys(0, "rowfs-shadow-test", 0, 0);
    final RpcClient rpc;
    final Nfs3Client nfs;
    final FileHandle root;

    ShadowClient(ShadowServer server, String exportPath) {
        InetSocketAddress addr = new InetSocketAddress("127.0.0.1", server.port());
        rpc = RpcClient.builder(addr).timeout(Duration.ofSeconds(30)).build();
        nfs = new Nfs3Client(rpc);
        MountResult m = new MountClient(rpc, cred).mount(exportPath).join();
        if (!m.isOk()) {
            throw new AssertionError("MNT " + exportPath + " failed: " + m);
        }
        root = FileHandle.of(m.handle());
    }

    LookupResult lookup(FileHandle dir, String name) {
        return nfs.lookup(cred, new LookupArgs(dir, Filename.of(name))).join();
    }

    FileHandle walk(String... names) {
        FileHandle h = root;
        for (String n : names) {
            LookupResult r = lookup(h, n);
            assertEquals(Nfs3Status.OK, r.status(), "LOOKUP " + n);
            h = r.object();
        }
        return h;
    }

    GetattrResult getattr(FileHandle h) {
        return nfs.getattr(cred, new GetattrArgs(h)).join();
    }

    Fattr3 attrs(FileHandle h) {
        GetattrResult r = getattr(h);
        assertEquals(Nfs3Status.OK, r.status());
        return r.attributes();
    }

    @Override
    public void close() {
        rpc.close();
    }
}
