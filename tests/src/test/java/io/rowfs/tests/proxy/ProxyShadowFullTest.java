package io.rowfs.tests.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.protocol.nfs3.CreateArgs;
import io.rowfs.protocol.nfs3.CreateHow;
import io.rowfs.protocol.nfs3.CreateMode;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NewObjectResult;
import io.rowfs.protocol.nfs3.Sattr3;
import io.rowfs.protocol.nfs3.SetTime;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A shadow that runs out of room (its export is a tmpfs of 1500 inodes) while the client creates
 * files as fast as it can: CREATEs are answered before the shadow makes them only while the shadow
 * has room, so once it is nearly full the client gets NFS3ERR_NOSPC from the shadow itself, and
 * every file the client was told exists is there, in the proxy's listing and in the shadow's
 * directory. (Created behind the reply to the end, the last few hundred would be answered OK and
 * then dropped.)
 */
@Tag("peer")
class ProxyShadowFullTest extends ProxyPeerTestBase {
    private static final int INODES = 1500;

    @Test
    void aFullShadowRefusesCreatesAndLosesNoneItAcknowledged() throws Exception {
        mount("-t", "tmpfs", "-o", "size=256m,nr_inodes=" + INODES, "rowfs-test-shadow", shadowDir.toString());
        try (ProxyStack stack = rig().start()) {
            ProxyClient c = stack.client;
            FileHandle dir = c.mkdir(c.root, "many");
            List<String> acknowledged = new ArrayList<>();
            int refused = 0;
            for (int i = 0; i < INODES + 100; i++) {
                String name = "f" + i;
                NewObjectResult r = c.get(c.nfs.create(ProxyRig.ROOT, new CreateArgs(dir, Filename.of(name),
                        new CreateHow(CreateMode.GUARDED, new Sattr3(0644, null, null, null,
                                SetTime.DONT_CHANGE, SetTime.DONT_CHANGE), null))));
                if (r.status() == Nfs3Status.OK) {
                    acknowledged.add(name);
                } else {
                    assertEquals(Nfs3Status.NOSPC, r.status(), "CREATE " + name);
                    refused++;
                }
            }
            assertTrue(refused > 0, "the shadow ran out of inodes: some CREATE was refused");
            assertTrue(acknowledged.size() > INODES - 200, "the shadow was filled: " + acknowledged.size() + " created");

            Set<String> listed = new TreeSet<>(c.names(dir)); // waits for the directory's queued CREATEs
            listed.remove(".");
            listed.remove("..");
            assertEquals(new TreeSet<>(acknowledged), listed, "the proxy lists exactly the acknowledged files");
            Set<String> inShadow = new TreeSet<>();
            try (var files = Files.list(shadowDir.resolve("many"))) {
                files.forEach(p -> inShadow.add(p.getFileName().toString()));
            }
            assertEquals(new TreeSet<>(acknowledged), inShadow, "the shadow holds every acknowledged file");
            for (String name : acknowledged.subList(acknowledged.size() - 20, acknowledged.size())) {
                c.getattr(c.lookup(dir, name)); // the last ones acknowledged are real files, not stale handles
            }
        } finally {
            mount("-u", shadowDir.toString());
        }
    }

    /** mount(8) with {@code args}, or umount(8) with {@code -u PATH}. */
    private static void mount(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (args[0].equals("-u")) {
            cmd.add("umount");
            cmd.add(args[1]);
        } else {
            cmd.add("mount");
            cmd.addAll(List.of(args));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0, cmd + ": " + out);
    }
}
