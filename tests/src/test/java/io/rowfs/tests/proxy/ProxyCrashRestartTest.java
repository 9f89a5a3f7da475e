package io.rowfs.tests.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.StableHow;
import io.rowfs.protocol.nfs3.WriteResult;
import io.rowfs.tests.peers.ManagedProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the proxy process in the middle of a scenario, then a restart on the same state
 * directory: the handles the client holds still work, every acknowledged stable write (and committed
 * unstable write) is there, whiteouts and new names survive, and main is unchanged.
 */
@Tag("peer")
class ProxyCrashRestartTest extends ProxyPeerTestBase {
    private static final int B = 4096;

    @Test
    void handlesAndStableWritesSurviveKillNine() throws Exception {
        Random rnd = new Random(23);
        byte[] image = new byte[4 * B];
        rnd.nextBytes(image);
        Files.write(mainDir.resolve("image.bin"), image);
        Files.writeString(mainDir.resolve("gone.txt"), "to be removed\n");
        Map<String, String> mainBefore = ProxyRig.checksums(mainDir);
        int port = ProxyRig.freePort();
        Path state = work.resolve("proxy-state");

        try (ProxyRig rig = rig().backEnds()) {
            List<String> cmd = rig.proxyProcess(port, state);
            ManagedProcess first = ManagedProcess.start(cmd, work.resolve("proxy-1.log"));
            byte[] m = image.clone();
            FileHandle img;
            FileHandle created;
            FileHandle dir;
            long imgId;
            byte[] createdData = new byte[3 * B + 5];
            rnd.nextBytes(createdData);
            try {
                first.awaitLog("proxy: ready", Duration.ofSeconds(60));
                try (ProxyClient c = new ProxyClient(port, rig.main.exportPath())) {
                    img = c.lookup(c.root, "image.bin");
                    imgId = c.getattr(img).fileid();
                    byte[] d1 = {1, 2, 3};
                    c.write(img, 1, d1, StableHow.FILE_SYNC);
                    System.arraycopy(d1, 0, m, 1, 3);
                    byte[] d2 = new byte[B + 2];
                    rnd.nextBytes(d2);
                    c.write(img, B - 1, d2, StableHow.UNSTABLE);
                    c.commit(img);
                    System.arraycopy(d2, 0, m, B - 1, d2.length);
                    dir = c.mkdir(c.root, "dir");
                    created = c.create(dir, "new.bin");
                    c.write(created, 0, createdData, StableHow.DATA_SYNC);
                    assertEquals(Nfs3Status.OK, c.remove(c.root, "gone.txt"));

                    // the crash: right after the acknowledged writes, SIGKILL
                    ProcessHandle.of(first.pid()).orElseThrow().destroyForcibly();
                    first.waitFor(Duration.ofSeconds(20));

                    ManagedProcess second = ManagedProcess.start(cmd, work.resolve("proxy-2.log"));
                    try {
                        second.awaitLog("proxy: ready", Duration.ofSeconds(60));
                        // the same client and handles carry on
                        assertEquals(imgId, c.getattr(img).fileid());
                        assertArrayEquals(m, c.readAll(img), "acknowledged writes to a main file");
                        assertArrayEquals(createdData, c.readAll(created), "acknowledged writes to a new file");
                        assertArrayEquals(dir.bytes(), c.lookup(c.root, "dir").bytes());
                        assertEquals(Nfs3Status.NOENT, c.lookupStatus(c.root, "gone.txt"), "whiteout survives");
                        WriteResult after = c.write(img, 0, new byte[] {9}, StableHow.FILE_SYNC);
                        m[0] = 9;
                        assertTrue(after.count() == 1);
                        assertArrayEquals(m, c.readAll(img));
                    } finally {
                        second.close();
                    }
                }
            } finally {
                first.close();
            }
        }
        assertEquals(mainBefore, ProxyRig.checksums(mainDir), "main's export is unchanged");
    }

    static void sleep(long ms) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(ms);
    }
}
