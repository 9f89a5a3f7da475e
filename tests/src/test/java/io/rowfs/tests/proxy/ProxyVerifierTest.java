package io.rowfs.tests.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.StableHow;
import io.rowfs.protocol.nfs3.Verifier;
import io.rowfs.proxy.backend.BackendSpec;
import io.rowfs.proxy.server.ProxyServer;
import io.rowfs.shadow.ShadowServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write verifier: WRITE and COMMIT agree; it changes when the shadow restarts (it may have lost
 * unstable data, and the client must resend) and when the proxy restarts.
 */
@Tag("peer")
class ProxyVerifierTest {
    @TempDir
    Path mainDir;
    @TempDir
    Path shadowDir;
    @TempDir
    Path work;

    @Test
    void verifierFollowsShadowAndProxyRestarts() throws Exception {
        Files.writeString(mainDir.resolve("f"), "0123456789");
        int shadowPort = ProxyRig.freePort();
        ShadowServer.Builder shadowBuilder = ShadowServer.builder().export(shadowDir).stateDir(work.resolve("shadow-state"))
                .listen(new InetSocketAddress("127.0.0.1", shadowPort));
        try (ShadowServer main = ShadowServer.builder().export(mainDir).stateDir(work.resolve("main-state")).readOnly(true)
                .listen(new InetSocketAddress("127.0.0.1", 0)).build().start()) {
            BackendSpec mainSpec = new BackendSpec("127.0.0.1", main.port(), main.port(), main.fs().root().toString());
            BackendSpec shadowSpec = new BackendSpec("127.0.0.1", shadowPort, shadowPort, shadowDir.toRealPath().toString());
            ShadowServer shadow = shadowBuilder.build().start();
            Verifier v1;
            Verifier v2;
            byte[] handle;
            try (ProxyServer proxy = start(mainSpec, shadowSpec);
                 ProxyRig.Client c = new ProxyRig.Client(proxy.port(), proxy.exportPath())) {
                FileHandle f = c.lookup(c.root, "f");
                handle = f.bytes();
                v1 = c.write(f, 0, new byte[] {'a'}, StableHow.UNSTABLE).verifier();
                assertEquals(v1, c.commit(f).verifier());
                assertEquals(v1, c.write(f, 1, new byte[] {'b'}, StableHow.UNSTABLE).verifier(), "stable while nothing restarts");

                shadow.close();
                shadow = shadowBuilder.build().start();
                v2 = c.write(f, 2, new byte[] {'c'}, StableHow.UNSTABLE).verifier();
                assertNotEquals(v1, v2, "shadow restarted: clients must resend uncommitted writes");
                assertEquals(v2, c.commit(f).verifier());
                assertEquals("abc3456789", new String(c.readAll(f)));
            }
            try (ProxyServer proxy = start(mainSpec, shadowSpec);
                 ProxyRig.Client c = new ProxyRig.Client(proxy.port(), proxy.exportPath())) {
                FileHandle f = c.lookup(c.root, "f");
                assertArrayEquals(handle, f.bytes(), "same state directory, same handle");
                assertNotEquals(v2, c.commit(f).verifier(), "proxy restarted");
            } finally {
                shadow.close();
            }
        }
    }

    private ProxyServer start(BackendSpec main, BackendSpec shadow) throws Exception {
        return ProxyServer.builder().main(main).shadow(shadow).state(work.resolve("proxy-state"))
                .listen(new InetSocketAddress("127.0.0.1", 0)).cacheBytes(16L << 20).maxObjects(10_000).build().start();
    }
}
