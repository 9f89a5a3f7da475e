package io.rowfs.tests.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.LinkArgs;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.RenameArgs;
import io.rowfs.protocol.nfs3.StableHow;
import io.rowfs.tests.peers.ManagedProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The proxy dies (as by {@code kill -9}, through {@code -Drowfs.crash-at}) right after the shadow
 * step of a RENAME, a REMOVE and a LINK, before its own tables follow; after a restart on the same
 * state the merged namespace matches the shadow: the rename and link happened, the removed name is
 * gone and can be created again, and handles held from before still work. Main never changes.
 *
 * <p>CREATE and REMOVE made behind the reply change the tables first: the proxy dies before and
 * after their queued shadow step, and after a restart the shadow matches the tables (the created
 * file exists there and takes data through its handle; the removed one is gone from the shadow's
 * directory too).
 */
@Tag("peer")
class ProxyIntentRecoveryTest extends ProxyPeerTestBase {
    private static final byte[] DATA = "kept through the crash\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void interruptedNamespaceChangesAreFinishedAtRestart() throws Exception {
        Files.writeString(mainDir.resolve("main.txt"), "from main\n");
        Map<String, String> mainBefore = ProxyRig.checksums(mainDir);
        int port = ProxyRig.freePort();
        Path state = work.resolve("proxy-state");
        try (ProxyRig rig = rig().backEnds()) {
            start(rig, port, state, null);
            try (ProxyClient c = new ProxyClient(port, rig.main.exportPath())) {
                scenario(rig, port, state, c);
            } finally {
                running.close();
            }
        }
        assertEquals(mainBefore, ProxyRig.checksums(mainDir), "main's export is unchanged");
    }

    private void scenario(ProxyRig rig, int port, Path state, ProxyClient c) throws Exception {
        {
            FileHandle dir = c.mkdir(c.root, "dir");
            FileHandle a = c.create(dir, "a");
            c.write(a, 0, DATA, StableHow.FILE_SYNC);
            c.create(dir, "gone");
            FileHandle d = c.create(dir, "d");

            crashDuring(rig, port, state, "rename-after-shadow",
                    () -> c.get(c.nfs.rename(ProxyRig.ROOT, new RenameArgs(dir, Filename.of("a"), dir, Filename.of("b")))));
            assertEquals(Nfs3Status.NOENT, c.lookupStatus(dir, "a"));
            assertArrayEquals(a.bytes(), c.lookup(dir, "b").bytes(), "the moved object keeps its handle");
            assertArrayEquals(DATA, c.readAll(a));

            crashDuring(rig, port, state, "remove-after-shadow", () -> c.remove(dir, "gone"), "--names-behind", "0");
            assertEquals(Nfs3Status.NOENT, c.lookupStatus(dir, "gone"));
            c.create(dir, "gone"); // the name is free again, in the proxy and in the shadow

            crashDuring(rig, port, state, "link-after-shadow",
                    () -> c.get(c.nfs.link(ProxyRig.ROOT, new LinkArgs(d, dir, Filename.of("e")))));
            assertEquals(c.getattr(d).fileid(), c.getattr(c.lookup(dir, "e")).fileid());
            assertEquals(2, c.getattr(d).nlink());
            assertEquals(List.of("b", "d", "e", "gone"), c.names(dir));

            for (String point : List.of("create-behind-before-shadow", "create-behind-after-shadow")) {
                String name = "new-" + point;
                crashBehind(rig, port, state, point, () -> c.create(dir, name));
                FileHandle made = c.lookup(dir, name);
                c.write(made, 0, DATA, StableHow.FILE_SYNC);
                assertArrayEquals(DATA, c.readAll(made));
                assertArrayEquals(DATA, Files.readAllBytes(shadowDir.resolve("dir").resolve(name)),
                        "the shadow has the file " + name + ", with the data written through its handle");
            }
            for (String point : List.of("remove-behind-before-shadow", "remove-behind-after-shadow")) {
                String name = "new-" + point.replace("remove", "create");
                crashBehind(rig, port, state, point, () -> c.remove(dir, name));
                assertEquals(Nfs3Status.NOENT, c.lookupStatus(dir, name));
                assertFalse(Files.exists(shadowDir.resolve("dir").resolve(name)), "the shadow no longer has " + name);
            }
            assertEquals(List.of("b", "d", "e", "gone"), c.names(dir));
            assertEquals(List.of("dir", "main.txt"), c.names(c.root));
        }
    }

    private ManagedProcess running;
    private int starts;

    private ManagedProcess start(ProxyRig rig, int port, Path state, String crashAt, String... proxyOptions) {
        List<String> cmd = rig.proxyProcess(port, state,
                crashAt == null ? List.of() : List.of("-Drowfs.crash-at=" + crashAt), List.of(proxyOptions));
        starts++;
        running = ManagedProcess.start(cmd, work.resolve("proxy-" + starts + (crashAt == null ? "" : "-" + crashAt) + ".log"));
        running.awaitLog("proxy: ready", Duration.ofSeconds(60));
        return running;
    }

    /** Starts a proxy that dies at {@code point}, runs {@code call} (which loses its connection), restarts cleanly. */
    private void crashDuring(ProxyRig rig, int port, Path state, String point, Call call, String... proxyOptions)
            throws Exception {
        running.close();
        ManagedProcess dying = start(rig, port, state, point, proxyOptions);
        assertThrows(ExecutionException.class, call::run, "the proxy dies before it answers");
        assertEquals(137, dying.waitFor(Duration.ofSeconds(30)), dying.tail());
        start(rig, port, state, null);
    }

    /**
     * Starts a proxy that dies at {@code point} of a change made behind the reply, runs {@code call}
     * (whose reply may or may not beat the crash), waits for the death, restarts cleanly.
     */
    private void crashBehind(ProxyRig rig, int port, Path state, String point, Call call) throws Exception {
        running.close();
        ManagedProcess dying = start(rig, port, state, point);
        try {
            call.run();
        } catch (ExecutionException lostWithTheProxy) {
            // the crash came before the reply: the tables had the change already
        }
        assertEquals(137, dying.waitFor(Duration.ofSeconds(30)), dying.tail());
        start(rig, port, state, null);
    }

    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }
}
