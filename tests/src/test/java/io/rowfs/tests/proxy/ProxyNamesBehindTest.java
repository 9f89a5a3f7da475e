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
 * CREATE and REMOVE answered before the shadow makes them (the proxy's default): a burst of
 * creates, writes, removes, re-creates of removed names, renames and links of files just created
 * is seen by the client exactly as it asked, and the shadow's directory ends up holding exactly
 * those files with exactly that data. The attributes a CREATE answers are the ones the file has
 * once the shadow made it, and the directory's wcc data shows the change.
 */
@Tag("peer")
class ProxyNamesBehindTest extends ProxyPeerTestBase {
    @Test
    void theShadowEndsUpWithWhatTheClientWasTold() throws Exception {
        Files.writeString(mainDir.resolve("from-main.txt"), "main\n");
        try (ProxyStack stack = rig().start()) {
            ProxyClient c = stack.client;
            FileHandle dir = c.mkdir(c.root, "work");
            Map<String, byte[]> expected = new TreeMap<>();

            Fattr3 dirBefore = c.getattr(dir);
            NewObjectResult first = c.get(c.nfs.create(ProxyRig.ROOT, new CreateArgs(dir, Filename.of("first"),
                    new CreateHow(CreateMode.GUARDED, new Sattr3(0640, 1234, 5678, null,
                            SetTime.DONT_CHANGE, SetTime.DONT_CHANGE), null))));
            assertEquals(Nfs3Status.OK, first.status());
            assertNotEquals(dirBefore.mtime(), first.dirWcc().after().attributes().mtime(),
                    "the CREATE's wcc data shows the directory changed");
            expected.put("first", new byte[0]);

            for (int i = 0; i < 150; i++) {
                String name = "f" + i;
                FileHandle f = c.create(dir, name);
                byte[] data = ("file " + i + "\n").getBytes();
                if (i % 3 == 0) { // written at once: the write follows the queued CREATE
                    c.write(f, 0, data, i % 2 == 0 ? StableHow.UNSTABLE : StableHow.FILE_SYNC);
                    c.commit(f);
                    expected.put(name, data);
                } else {
                    expected.put(name, new byte[0]);
                }
                if (i % 5 == 0) {
                    assertEquals(Nfs3Status.OK, c.remove(dir, name));
                    expected.remove(name);
                    if (i % 10 == 0) { // the name again, right behind its queued removal
                        byte[] again = ("again " + i + "\n").getBytes();
                        c.write(c.create(dir, name), 0, again, StableHow.FILE_SYNC);
                        expected.put(name, again);
                    }
                } else if (i % 7 == 0) {
                    assertEquals(Nfs3Status.OK, c.rename(dir, name, dir, name + "-moved"));
                    expected.put(name + "-moved", expected.remove(name));
                } else if (i % 11 == 0) {
                    FileHandle made = c.lookup(dir, name);
                    assertEquals(Nfs3Status.OK, c.get(c.nfs.link(ProxyRig.ROOT,
                            new LinkArgs(made, dir, Filename.of(name + "-link")))).status());
                    expected.put(name + "-link", expected.get(name));
                }
            }
            assertEquals(Nfs3Status.OK, c.remove(c.root, "from-main.txt"));

            assertEquals(new ArrayList<>(expected.keySet()), c.names(dir), "the proxy's listing");
            for (Map.Entry<String, byte[]> e : expected.entrySet()) {
                assertArrayEquals(e.getValue(), c.readAll(c.lookup(dir, e.getKey())), e.getKey());
            }
            Fattr3 told = first.objAttributes().attributes();
            awaitShadow(shadowDir.resolve("work"), expected);
            Fattr3 now = c.getattr(c.lookup(dir, "first"));
            assertEquals(List.of(0640, 1234, 5678, 0L, told.mtime(), told.atime()),
                    List.of(now.mode(), now.uid(), now.gid(), now.size(), now.mtime(), now.atime()),
                    "the attributes CREATE answered are the file's");
            assertEquals(List.of("work"), c.names(c.root));
        }
        assertEquals("main\n", Files.readString(mainDir.resolve("from-main.txt")), "main is never changed");
    }

    /** Waits (up to 30 s) until the shadow's directory holds exactly {@code expected}, then checks each file's data. */
    static void awaitShadow(Path shadow, Map<String, byte[]> expected) throws Exception {
        List<String> names = List.of();
        for (int i = 0; i < 300; i++) {
            try (Stream<Path> s = Files.list(shadow)) {
                names = s.map(p -> p.getFileName().toString()).sorted().toList();
            }
            if (names.equals(new ArrayList<>(expected.keySet()))) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals(new ArrayList<>(expected.keySet()), names, "the shadow's directory");
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(shadow.resolve(e.getKey())), "shadow copy of " + e.getKey());
        }
    }
}
