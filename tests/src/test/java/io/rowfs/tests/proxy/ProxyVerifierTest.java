package io.rowfs.tests.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.StableHow;
import io.rowfs.protocol.nfs3.Verifier;
import io.rowfs.proxy.server.ProxyServer;
import java.nio.file.Files;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The write verifier: WRITE and COMMIT agree; it changes when the shadow restarts (it may have lost
 * unstable data, and the client must resend) and when the proxy restarts. A shadow in the proxy's
 * process restarts only with the proxy: that run checks the proxy restart.
 */
@Tag("peer")
class ProxyVerifierTest extends ProxyPeerTestBase {
    @Test
    void verifierFollowsShadowAndProxyRestarts() throws Exception {
        Files.writeString(mainDir.resolve("f"), "0123456789");
        try (ProxyRig rig = rig().mainOnShadowServer().backEnds()) {
            Verifier v1;
            Verifier v2;
            byte[] handle;
            try (ProxyServer proxy = rig.startProxy(rig.proxyState());
                 ProxyClient c = ProxyClient.on(proxy)) {
                FileHandle f = c.lookup(c.root, "f");
                handle = f.bytes();
                v1 = c.write(f, 0, new byte[] {'a'}, StableHow.UNSTABLE).verifier();
                assertEquals(v1, c.commit(f).verifier());
                assertEquals(v1, c.write(f, 1, new byte[] {'b'}, StableHow.UNSTABLE).verifier(), "stable while nothing restarts");

                if (rig.hasShadowServer()) {
                    rig.restartShadow();
                    v2 = c.write(f, 2, new byte[] {'c'}, StableHow.UNSTABLE).verifier();
                    assertNotEquals(v1, v2, "shadow restarted: clients must resend uncommitted writes");
                } else {
                    v2 = c.write(f, 2, new byte[] {'c'}, StableHow.UNSTABLE).verifier();
                    assertEquals(v1, v2, "stable while nothing restarts");
                }
                assertEquals(v2, c.commit(f).verifier());
                assertEquals("abc3456789", new String(c.readAll(f)));
            }
            try (ProxyServer proxy = rig.startProxy(rig.proxyState());
                 ProxyClient c = ProxyClient.on(proxy)) {
                FileHandle f = c.lookup(c.root, "f");
                assertArrayEquals(handle, f.bytes(), "same state directory, same handle");
                assertNotEquals(v2, c.commit(f).verifier(), "proxy restarted");
            }
        }
    }
}
