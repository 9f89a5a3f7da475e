package io.rowfs.tests.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import io.rowfs.protocol.nfs3.CreateArgs;
import io.rowfs.protocol.nfs3.CreateHow;
import io.rowfs.protocol.nfs3.CreateMode;
import io.rowfs.protocol.nfs3.NewObjectResult;
import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.LinkArgs;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.Sattr3;
import io.rowfs.protocol.nfs3.SetTime;
import io.rowfs.protocol.nfs3.StableHow;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Names behind the reply over a shadow server that is far away (a relay between proxy and shadow):
 * only the NFS shadow can be made slow, so the in-process shadow run (surefire execution
 * {@code proxy-local-shadow}) leaves this class out.
 */
@Tag("peer")
class ProxySlowShadowTest extends ProxyPeerTestBase {
    /**
     * A shadow 6 ms away (a relay): the client's creates and removes run far ahead of the queued
     * shadow steps, so each name has several queued at once (created, removed, created, removed,
     * created and written); they still reach the shadow in each name's order.
     */
    @Test
    void overASlowShadowEachNamesChangesKeepTheirOrder() throws Exception {
        try (ProxyStack stack = rig().shadowDelay(Duration.ofMillis(3)).start()) {
            ProxyClient c = stack.client;
            FileHandle dir = c.mkdir(c.root, "churn");
            Map<String, byte[]> expected = new TreeMap<>();
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 30; i++) {
                    String name = "n" + i;
                    c.create(dir, name);
                    if (round < 2) {
                        assertEquals(Nfs3Status.OK, c.remove(dir, name));
                    }
                }
            }
            for (int i = 0; i < 30; i++) {
                byte[] data = ("last of n" + i + "\n").getBytes();
                c.write(c.lookup(dir, "n" + i), 0, data, StableHow.FILE_SYNC);
                expected.put("n" + i, data);
            }
            assertEquals(new ArrayList<>(expected.keySet()), c.names(dir));
            ProxyNamesBehindTest.awaitShadow(shadowDir.resolve("churn"), expected);
        }
    }
}
