package io.rowfs.tests.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.tests.peers.Ganesha;
import io.rowfs.tests.peers.GuestImage;
import io.rowfs.tests.peers.Libnfs;
import io.rowfs.tests.peers.ManagedProcess;
import io.rowfs.tests.peers.Netns;
import io.rowfs.tests.peers.NfsUrl;
import io.rowfs.tests.peers.QemuGuest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Linux kernel NFS client (QEMU guest) mounts the proxy, which runs as its own process in front
 * of nfs-ganesha (main, read-only) and the shadow server (or its shadow directory served in process,
 * with {@link ShadowKind#LOCAL}), all in one test namespace. The guest runs
 * the scenario (block-edge overwrites, append, truncate/extend, create, mkdir, rename, link,
 * symlink, whiteout and re-create, rename of a main directory of 1,000 files, a merged directory of
 * 5,000 entries); in the middle the proxy is killed with SIGKILL and restarted, and the guest's
 * mount carries on with the handles it holds (an open file descriptor included).
 */
@Tag("peer")
class ProxyLinuxClientTest extends ProxyPeerTestBase {
    private static final int B = 4096;

    @Test
    void kernelClientScenarioWithKillNineInTheMiddle() throws Exception {
        Random rnd = new Random(31);
        byte[] image = new byte[5 * B + 123];
        rnd.nextBytes(image);
        Files.write(mainDir.resolve("image.bin"), image);
        Files.writeString(mainDir.resolve("a.txt"), "main a\n");
        Files.createDirectories(mainDir.resolve("many"));
        for (int i = 0; i < 1000; i++) {
            Files.writeString(mainDir.resolve("many/m" + i), "m" + i + "\n");
        }
        Files.createDirectories(mainDir.resolve("big"));
        for (int i = 0; i < 5000; i++) {
            Files.writeString(mainDir.resolve("big/f" + i), "");
        }
        Files.createDirectories(mainDir.resolve("emptydir"));
        Map<String, String> mainBefore = ProxyRig.checksums(mainDir);

        // the model of what the guest does
        byte[] m = image.clone();
        for (long off : new long[] {0, 1, B - 1, B, B + 1, 3L * B - 2}) {
            System.arraycopy("XYZ".getBytes(StandardCharsets.US_ASCII), 0, m, (int) off, 3);
        }
        byte[] appended = "appended\n".getBytes(StandardCharsets.US_ASCII);
        m = Arrays.copyOf(m, m.length + appended.length);
        System.arraycopy(appended, 0, m, m.length - appended.length, appended.length);
        m = Arrays.copyOf(Arrays.copyOf(m, 2 * B + 10), 5 * B);
        Map<String, String> expected = new TreeMap<>();
        expected.put("image.bin", ProxyRig.md5(m));
        expected.put("a.txt", ProxyRig.md5(ProxyRig.utf8("recreated\n")));
        expected.put("newdir/renamed", ProxyRig.md5(ProxyRig.utf8("new\n")));
        expected.put("hardlink", ProxyRig.md5(ProxyRig.utf8("new\n")));
        expected.put("newdir/sub/s.txt", ProxyRig.md5(ProxyRig.utf8("s\n")));
        expected.put("lots/m999", ProxyRig.md5(ProxyRig.utf8("m999\n")));
        expected.put("big/new9", ProxyRig.md5(ProxyRig.utf8("n9\n")));

        String script = String.join("\n",
                "set -e",
                "cd /mnt",
                "for off in 0 1 4095 4096 4097 12286; do printf XYZ | dd of=image.bin bs=1 seek=$off conv=notrunc 2>/dev/null; done",
                "echo appended >> image.bin",
                "truncate -s 8202 image.bin",
                "truncate -s 20480 image.bin",
                "echo new > newfile",
                "mkdir -p newdir/sub",
                "echo s > newdir/sub/s.txt",
                "mv newfile newdir/renamed",
                "ln newdir/renamed hardlink",
                "ln -s a.txt sym",
                "rm a.txt",
                "test ! -e a.txt",
                "echo recreated > a.txt",
                "mv many lots",
                "test ! -e many",
                "test $(ls lots | wc -l) -eq 1000",
                "for i in 0 1 2 3 4 5 6 7 8 9; do echo n$i > big/new$i; done",
                "rm big/f0 big/f1 big/f2 big/f3 big/f4",
                "test $(ls big | wc -l) -eq 5005",
                "test $(ls -l big | grep -c '^-') -eq 5005",
                "rmdir emptydir",
                "sync",
                "exec 3< lots/m7",
                "echo PHASE1-DONE",
                "n=0; while [ ! -e /mnt/go ]; do sleep 1; n=$((n+1)); [ $n -lt 120 ]; done",
                "echo AFTER-RESTART $(cat <&3)",
                "md5sum image.bin a.txt newdir/renamed hardlink newdir/sub/s.txt lots/m999 big/new9 | sed 's/^/SUM /'",
                "echo LINK $(readlink sym)",
                "test $(ls big | wc -l) -eq 5005",
                "test ! -e emptydir",
                "echo more >> newdir/renamed",
                "sync",
                "echo SIZE $(stat -c %s hardlink)");

        try (Netns ns = Netns.create("proxy2-guest", "tap0", "10.0.2.1/24");
             Ganesha g = Ganesha.builder(mainDir).readOnly(true).netns(ns).hostBridge(false).ports(3049, 30048).start()) {
            boolean local = ShadowKind.current() == ShadowKind.LOCAL;
            if (!local) {
                ManagedProcess shadow = ns.startJava("shadow", List.of("-Xmx256m"), "io.rowfs.app.Rowfs", "shadow-server",
                        "--export", shadowDir.toString(), "--listen", "127.0.0.1:4049", "--portmap", "-1",
                        "--state", work.resolve("shadow-state").toString());
                shadow.awaitLog("shadow-server: exporting", Duration.ofSeconds(60));
            }
            String[] proxyArgs = {"proxy", "--main", "127.0.0.1:3049/30048:" + g.exportPath(),
                local ? "--shadow-dir" : "--shadow", local ? shadowDir.toString() : "127.0.0.1:4049:" + shadowDir,
                "--listen", "10.0.2.1:2049", "--portmap", "-1",
                "--state", work.resolve("proxy-state").toString(), "--cache-size", "64M", "--max-objects", "100000"};
            ManagedProcess first = ns.startJava("proxy-1", List.of("-Xmx512m"), "io.rowfs.app.Rowfs", proxyArgs);
            first.awaitLog("proxy: ready", Duration.ofSeconds(60));
            try (QemuGuest.Running guest = QemuGuest.kernel(ns, "tap0", GuestImage.build())
                    .staticIp("10.0.2.15/24").nfsMount("10.0.2.1", g.exportPath(), 2049, 2049)
                    .script(script).timeout(Duration.ofSeconds(200)).start()) {
                guest.awaitSerial("PHASE1-DONE", Duration.ofSeconds(170));
                ProcessHandle.of(first.pid()).orElseThrow().destroyForcibly();
                first.waitFor(Duration.ofSeconds(20));
                ManagedProcess second = ns.startJava("proxy-2", List.of("-Xmx512m"), "io.rowfs.app.Rowfs", proxyArgs);
                second.awaitLog("proxy: ready", Duration.ofSeconds(60));
                Path go = work.resolve("go");
                Files.writeString(go, "go\n");
                Libnfs.inNetns(ns.name()).upload(go, NfsUrl.v3("10.0.2.1", g.exportPath(), "go", 2049, 2049));
                QemuGuest.Result r = guest.await().assertOk();
                String log = r.serialLog();
                assertTrue(log.contains("AFTER-RESTART m7"), "open descriptor works after the restart:\n" + log);
                assertTrue(log.contains("LINK a.txt"), log);
                assertTrue(log.contains("SIZE 9"), "hard link sees the append: " + log);
                assertEquals(expected, sums(log), log);
            }
        }
        assertEquals(mainBefore, ProxyRig.checksums(mainDir), "main's export is unchanged");
    }

    private static Map<String, String> sums(String log) {
        Map<String, String> out = new TreeMap<>();
        Matcher mm = Pattern.compile("SUM ([0-9a-f]{32})\\s+(\\S+)").matcher(log);
        while (mm.find()) {
            out.put(mm.group(2), mm.group(1));
        }
        return out;
    }

}
