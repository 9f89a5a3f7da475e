package io.rowfs.tests.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.proxy.meta.NameEntry;
import io.rowfs.proxy.meta.NameIndex;
import io.rowfs.proxy.meta.ObjectTable;
import io.rowfs.proxy.server.ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Removing a name leaves a whiteout only where main has that name: files created and removed in the
 * shadow leave nothing behind in the name index (a create/remove workload would otherwise grow it,
 * and every listing of the directory, without bound), while a removed main file stays hidden.
 */
@Tag("peer")
class ProxyWhiteoutTest extends ProxyPeerTestBase {
    @Test
    void onlyMainNamesAreWhitedOut() throws Exception {
        Files.writeString(mainDir.resolve("from-main.txt"), "main\n");
        Files.createDirectory(mainDir.resolve("sub"));
        Files.writeString(mainDir.resolve("sub/also-main.txt"), "main\n");
        try (ProxyRig rig = rig().backEnds()) {
            Path state = rig.proxyState();
            try (ProxyServer proxy = rig.startProxy(state);
                 ProxyClient c = ProxyClient.on(proxy)) {
                FileHandle sub = c.lookup(c.root, "sub");
                for (int i = 0; i < 50; i++) {
                    c.create(c.root, "tmp-" + i);
                    c.create(sub, "tmp-" + i);
                    assertEquals(Nfs3Status.OK, c.remove(c.root, "tmp-" + i));
                    assertEquals(Nfs3Status.OK, c.remove(sub, "tmp-" + i));
                }
                assertEquals(Nfs3Status.OK, c.remove(c.root, "from-main.txt"));
                assertEquals(Nfs3Status.OK, c.remove(sub, "also-main.txt"));
                assertEquals(Nfs3Status.NOENT, c.lookupStatus(c.root, "from-main.txt"));
                assertEquals(Nfs3Status.NOENT, c.lookupStatus(c.root, "tmp-3"));
                c.create(c.root, "tmp-3"); // the name can be used again
                assertEquals(Nfs3Status.OK, c.remove(c.root, "tmp-3"));
            }
            try (NameIndex names = NameIndex.open(state, 1000)) {
                Map<Filename, NameEntry> root = names.entries(ObjectTable.ROOT_ID);
                assertEquals(NameEntry.WHITEOUT, root.get(Filename.of("from-main.txt")));
                assertEquals(0, root.keySet().stream().filter(n -> n.toString().startsWith("tmp-")).count(),
                        "no trace of shadow-only names: " + root.keySet());
                long subId = root.get(Filename.of("sub")).childId();
                Map<Filename, NameEntry> inSub = names.entries(subId);
                assertEquals(Map.of(Filename.of("also-main.txt"), NameEntry.WHITEOUT), inSub);
            }
        }
    }
}
