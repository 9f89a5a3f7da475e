package io.rowfs.tests.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.protocol.nfs3.CommitResult;
import io.rowfs.protocol.nfs3.CreateArgs;
import io.rowfs.protocol.nfs3.CreateHow;
import io.rowfs.protocol.nfs3.NewObjectResult;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.Verifier;
import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.GetattrArgs;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.StableHow;
import io.rowfs.protocol.nfs3.WriteResult;
import io.rowfs.proxy.server.ProxyServer;
import io.rowfs.tests.peers.Libnfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The write and namespace scenario through the proxy, main = nfs-ganesha (read-only), shadow = the
 * project's shadow server: overwrites at the block edges, append, truncate then extend, creates,
 * removes, renames, whiteouts and re-creation, in three setups (main: ganesha or the shadow server
 * read-only; shadow: the shadow server or ganesha); every file checked against a model with libnfs's
 * nfs-cat, and main's export checked unchanged.
 */
@Tag("peer")
class ProxyWriteScenarioTest extends ProxyPeerTestBase {
    private static final int B = 4096;

    static java.util.stream.Stream<ProxyRig.Setup> setups() {
        return ProxyRig.Setup.forCurrentKind();
    }

    @ParameterizedTest
    @MethodSource("setups")
    void scenario(ProxyRig.Setup setup) throws Exception {
        Random rnd = new Random(17);
        byte[] image = new byte[5 * B + 123];
        rnd.nextBytes(image);
        Files.write(mainDir.resolve("image.bin"), image);
        Files.writeString(mainDir.resolve("a.txt"), "main a\n");
        Files.writeString(mainDir.resolve("keep.txt"), "untouched\n");
        Files.createDirectories(mainDir.resolve("etc/conf.d"));
        Files.writeString(mainDir.resolve("etc/conf.d/x.conf"), "x=1\n");
        Files.createDirectories(mainDir.resolve("many"));
        for (int i = 0; i < 50; i++) {
            Files.writeString(mainDir.resolve("many/m" + i), "m" + i + "\n");
        }
        Map<String, String> mainBefore = ProxyRig.checksums(mainDir);
        Map<String, byte[]> model = new LinkedHashMap<>();
        model.put("image.bin", image.clone());
        model.put("keep.txt", ProxyRig.utf8("untouched\n"));
        model.put("etc/conf.d/x.conf", ProxyRig.utf8("x=1\n"));

        try (ProxyStack stack = rig().setup(setup).start()) {
            ProxyServer proxy = stack.proxy;
            ProxyClient c = stack.client;
            FileHandle img = c.lookup(c.root, "image.bin");
            long fileid = c.getattr(img).fileid();

            // overwrites at 0, 1, B-1, B, B+1 and across a block boundary, alternating stability
            byte[] m = model.get("image.bin");
            long[] offsets = {0, 1, B - 1, B, B + 1, 3L * B - 2};
            WriteResult last = null;
            for (int i = 0; i < offsets.length; i++) {
                byte[] data = new byte[i == offsets.length - 1 ? 5 : 3];
                rnd.nextBytes(data);
                last = c.write(img, offsets[i], data, i % 2 == 0 ? StableHow.FILE_SYNC : StableHow.UNSTABLE);
                System.arraycopy(data, 0, m, (int) offsets[i], data.length);
            }
            CommitResult commit = c.commit(img);
            assertEquals(last.verifier(), commit.verifier(), "WRITE and COMMIT share one verifier");
            assertEquals(fileid, c.getattr(img).fileid(), "copy-up keeps the fileid");
            assertArrayEquals(m, c.readAll(img));

            // append
            byte[] tail = new byte[B + 7];
            rnd.nextBytes(tail);
            c.write(img, m.length, tail, StableHow.FILE_SYNC);
            m = concat(m, tail);
            assertEquals(m.length, c.getattr(img).size());

            // truncate inside a block still on main, then extend: no old data reappears
            c.setSize(img, 2L * B + 10);
            m = Arrays.copyOf(m, 2 * B + 10);
            assertArrayEquals(m, c.readAll(img));
            c.setSize(img, 5L * B);
            m = Arrays.copyOf(m, 5 * B);
            assertArrayEquals(m, c.readAll(img), "extended part reads as zeros");
            model.put("image.bin", m);

            // create, mkdir in a main-only directory (ancestors re-created lazily), rename, remove
            FileHandle confd = c.path("etc/conf.d");
            FileHandle y = c.create(confd, "y.conf");
            c.write(y, 0, ProxyRig.utf8("y=2\n"), StableHow.FILE_SYNC);
            model.put("etc/conf.d/y.conf", ProxyRig.utf8("y=2\n"));
            FileHandle nd = c.mkdir(c.root, "newdir");
            FileHandle t = c.create(nd, "t");
            c.write(t, 0, ProxyRig.utf8("temp"), StableHow.UNSTABLE);
            c.commit(t);
            assertEquals(Nfs3Status.OK, c.rename(nd, "t", c.root, "t-moved"));
            model.put("t-moved", ProxyRig.utf8("temp"));
            assertEquals(Nfs3Status.NOTEMPTY, c.rmdir(c.root, "etc"));
            assertEquals(Nfs3Status.OK, c.rmdir(c.root, "newdir"));
            assertEquals(Nfs3Status.NOENT, c.lookupStatus(c.root, "newdir"));

            // rename a main file (redirect, no copy) and a main directory (no tree copy)
            assertEquals(Nfs3Status.OK, c.rename(c.root, "keep.txt", confd, "kept.txt"));
            model.remove("keep.txt");
            model.put("etc/conf.d/kept.txt", ProxyRig.utf8("untouched\n"));
            FileHandle many = c.lookup(c.root, "many");
            assertEquals(Nfs3Status.OK, c.rename(c.root, "many", c.root, "lots"));
            assertArrayEquals(many.bytes(), c.lookup(c.root, "lots").bytes(), "a handle survives rename");
            assertEquals(Nfs3Status.NOENT, c.lookupStatus(c.root, "many"));
            for (int i = 0; i < 50; i++) {
                model.put("lots/m" + i, ProxyRig.utf8("m" + i + "\n"));
            }
            assertFalse(Files.exists(shadowDir.resolve("lots/m0")), "no tree copy");

            // remove a main file, then re-create the name: a new object with a new fileid
            FileHandle a = c.lookup(c.root, "a.txt");
            long oldA = c.getattr(a).fileid();
            Fattr3 rootBefore = c.getattr(c.root);
            assertEquals(Nfs3Status.OK, c.remove(c.root, "a.txt"));
            assertEquals(Nfs3Status.NOENT, c.lookupStatus(c.root, "a.txt"));
            assertEquals(Nfs3Status.STALE, c.get(c.nfs.getattr(ProxyRig.ROOT, new GetattrArgs(a))).status());
            assertNotEquals(rootBefore.mtime(), c.getattr(c.root).mtime(), "listing change bumps the directory mtime");
            assertFalse(Libnfs.host().names(ProxyRig.url(proxy, "")).contains("a.txt"), "whiteout hides main's a.txt");
            FileHandle a2 = c.create(c.root, "a.txt");
            c.write(a2, 0, ProxyRig.utf8("new a"), StableHow.FILE_SYNC);
            assertNotEquals(oldA, c.getattr(a2).fileid());
            model.put("a.txt", ProxyRig.utf8("new a"));

            // EXCLUSIVE create: a retransmission (same verifier) gets the same file, another verifier EXIST
            NewObjectResult ex1 = c.get(c.nfs.create(ProxyRig.ROOT, new CreateArgs(confd, Filename.of("ex"),
                    CreateHow.exclusive(new Verifier(0x1122334455667788L)))));
            assertEquals(Nfs3Status.OK, ex1.status());
            NewObjectResult ex2 = c.get(c.nfs.create(ProxyRig.ROOT, new CreateArgs(confd, Filename.of("ex"),
                    CreateHow.exclusive(new Verifier(0x1122334455667788L)))));
            assertEquals(Nfs3Status.OK, ex2.status(), "retransmitted EXCLUSIVE CREATE");
            assertArrayEquals(ex1.object().bytes(), ex2.object().bytes());
            assertEquals(Nfs3Status.EXIST, c.get(c.nfs.create(ProxyRig.ROOT, new CreateArgs(confd, Filename.of("ex"),
                    CreateHow.exclusive(new Verifier(1))))).status());
            assertEquals(Nfs3Status.EXIST, c.get(c.nfs.create(ProxyRig.ROOT, new CreateArgs(c.root, Filename.of("image.bin"),
                    CreateHow.exclusive(new Verifier(1))))).status(), "a main file is never 'the same' exclusive create");
            model.put("etc/conf.d/ex", new byte[0]);

            // libnfs: listing and every file's md5 match the model
            Libnfs nfs = Libnfs.host();
            List<String> rootNames = nfs.names(ProxyRig.url(proxy, ""));
            assertEquals(List.of("a.txt", "etc", "image.bin", "lots", "t-moved"), rootNames.stream().sorted().toList());
            assertEquals(50, nfs.names(ProxyRig.url(proxy, "lots")).size());
            for (Map.Entry<String, byte[]> e : model.entrySet()) {
                assertEquals(ProxyRig.md5(e.getValue()), ProxyRig.md5(nfs.cat(ProxyRig.url(proxy, e.getKey()))), e.getKey());
            }
            // a file written by libnfs itself
            Path local = work.resolve("up.bin");
            byte[] up = new byte[70_000];
            rnd.nextBytes(up);
            Files.write(local, up);
            nfs.upload(local, ProxyRig.url(proxy, "etc/up.bin"));
            assertEquals(ProxyRig.md5(up), ProxyRig.md5(nfs.cat(ProxyRig.url(proxy, "etc/up.bin"))));
        }
        assertEquals(mainBefore, ProxyRig.checksums(mainDir), "main's export is unchanged");
        assertTrue(Files.exists(shadowDir.resolve("etc/conf.d/y.conf")), "changes landed in the shadow");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
