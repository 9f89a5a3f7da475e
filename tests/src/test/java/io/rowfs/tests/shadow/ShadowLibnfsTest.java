package io.rowfs.tests.shadow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.protocol.nfs3.CreateArgs;
import io.rowfs.protocol.nfs3.CreateHow;
import io.rowfs.protocol.nfs3.NewObjectResult;
import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.MkdirArgs;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.ReadArgs;
import io.rowfs.protocol.nfs3.ReadResult;
import io.rowfs.protocol.nfs3.RemoveArgs;
import io.rowfs.protocol.nfs3.RenameArgs;
import io.rowfs.protocol.nfs3.RmdirArgs;
import io.rowfs.protocol.nfs3.Sattr3;
import io.rowfs.protocol.nfs3.Verifier;
import io.rowfs.shadow.ShadowServer;
import io.rowfs.tests.peers.Libnfs;
import io.rowfs.tests.peers.NfsUrl;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shadow server against libnfs (nfs-ls, nfs-cat, nfs-cp from libnfs-utils) and the project's
 * Nfs3Client for the operations libnfs-utils has no tool for; results are checked on disk.
 */
@Tag("peer")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ShadowLibnfsTest {
    @TempDir
    Path export;
    @TempDir
    Path local;
    private ShadowServer server;
    private final Libnfs libnfs = Libnfs.host().withTimeout(Duration.ofSeconds(90));

    private ShadowServer start() throws Exception {
        server = ShadowServer.builder().export(export).listen(new InetSocketAddress("127.0.0.1", 0)).build().start();
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String url(String rel) {
        return NfsUrl.v3("127.0.0.1", export.toString(), rel, server.port(), server.port());
    }

    private static byte[] sha256(Path p) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(p)) {
            byte[] buf = new byte[1 << 20];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return md.digest();
    }

    @Test
    void libnfsListsCreatesWritesAndReadsBackA256MiBFile() throws Exception {
        start();
        Files.writeString(export.resolve("made-on-disk.txt"), "disk\n");
        Files.createDirectory(export.resolve("sub"));
        List<String> names = libnfs.names(url(""));
        assertTrue(names.contains("made-on-disk.txt") && names.contains("sub"), names.toString());
        assertFalse(names.contains(".rowfs-shadow"), "state directory must be hidden: " + names);
        assertEquals("disk\n", new String(libnfs.cat(url("made-on-disk.txt")), StandardCharsets.UTF_8));

        Path big = local.resolve("big.bin");
        Random r = new Random(42);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(big)) {
            for (int i = 0; i < 256; i++) {
                r.nextBytes(chunk);
                out.write(chunk);
            }
        }
        libnfs.upload(big, url("sub/big.bin"));
        assertEquals(256L << 20, Files.size(export.resolve("sub/big.bin")));
        assertArrayEquals(sha256(big), sha256(export.resolve("sub/big.bin")), "bytes on the server's disk");
        Path back = local.resolve("back.bin");
        libnfs.download(url("sub/big.bin"), back);
        assertArrayEquals(sha256(big), sha256(back), "bytes read back through NFS");
        assertTrue(libnfs.ls(url("sub")).contains("268435456"), "size listed by nfs-ls");
    }

    @Test
    void namespaceOperationsThroughNfs3ClientShowUpOnDiskAndInLibnfs() throws Exception {
        start();
        try (ShadowClient c = new ShadowClient(server, export.toString())) {
            NewObjectResult mk = c.nfs.mkdir(c.cred, new MkdirArgs(c.root, Filename.of("d"), Sattr3.EMPTY.withMode(0750))).join();
            assertEquals(Nfs3Status.OK, mk.status());
            assertTrue(Files.isDirectory(export.resolve("d")));
            assertEquals(0750, (Integer) Files.getAttribute(export.resolve("d"), "unix:mode") & 07777);
            assertTrue(mk.dirWcc().before().isPresent() && mk.dirWcc().after().isPresent(), "wcc_data");
            assertEquals(mk.dirWcc().after().attributes().fileid(), c.attrs(c.root).fileid());
            NewObjectResult cr = c.nfs.create(c.cred, new CreateArgs(mk.object(), Filename.of("f"),
                    CreateHow.guarded(Sattr3.EMPTY.withMode(0644)))).join();
            assertEquals(Nfs3Status.OK, cr.status());
            assertEquals(Files.getAttribute(export.resolve("d/f"), "unix:ino", LinkOption.NOFOLLOW_LINKS),
                    cr.objAttributes().attributes().fileid(), "fileid = inode number");
            assertEquals(List.of("f"), libnfs.names(url("d")));

            assertEquals(Nfs3Status.OK, c.nfs.rename(c.cred, new RenameArgs(mk.object(), Filename.of("f"),
                    c.root, Filename.of("g"))).join().status());
            assertTrue(Files.exists(export.resolve("g")) && !Files.exists(export.resolve("d/f")));
            assertEquals(cr.objAttributes().attributes().fileid(), c.attrs(cr.object()).fileid(),
                    "handle still valid after rename");
            assertTrue(libnfs.names(url("")).contains("g"));

            Files.writeString(export.resolve("d/inner"), "i");
            assertEquals(Nfs3Status.NOTEMPTY, c.nfs.rmdir(c.cred, new RmdirArgs(c.root, Filename.of("d"))).join().status());
            Files.delete(export.resolve("d/inner"));
            assertEquals(Nfs3Status.OK, c.nfs.rmdir(c.cred, new RmdirArgs(c.root, Filename.of("d"))).join().status());
            assertFalse(Files.exists(export.resolve("d")));
            assertEquals(Nfs3Status.STALE, c.getattr(mk.object()).status(), "removed directory is stale");

            assertEquals(Nfs3Status.OK, c.nfs.remove(c.cred, new RemoveArgs(c.root, Filename.of("g"))).join().status());
            assertFalse(Files.exists(export.resolve("g")));
            assertEquals(Nfs3Status.STALE, c.getattr(cr.object()).status());
            assertEquals(Nfs3Status.NOENT, c.nfs.remove(c.cred, new RemoveArgs(c.root, Filename.of("g"))).join().status());
            assertFalse(libnfs.names(url("")).contains("g"));

            // exclusive create: a retransmission with the same verifier succeeds, another verifier fails
            CreateArgs excl = new CreateArgs(c.root, Filename.of("x"), CreateHow.exclusive(new Verifier(0x1122334455667788L)));
            NewObjectResult e1 = c.nfs.create(c.cred, excl).join();
            NewObjectResult e2 = c.nfs.create(c.cred, excl).join();
            assertEquals(Nfs3Status.OK, e1.status());
            assertEquals(Nfs3Status.OK, e2.status());
            assertEquals(e1.object(), e2.object());
            assertEquals(Nfs3Status.EXIST, c.nfs.create(c.cred, new CreateArgs(c.root, Filename.of("x"),
                    CreateHow.exclusive(new Verifier(1)))).join().status());
        }
    }

    @Test
    void handlesStayValidAcrossServerRestartAndRename() throws Exception {
        start();
        Files.createDirectories(export.resolve("a/b"));
        Files.writeString(export.resolve("a/b/keep.txt"), "survives\n");
        FileHandle file;
        FileHandle dir;
        long fileid;
        try (ShadowClient c = new ShadowClient(server, export.toString())) {
            file = c.walk("a", "b", "keep.txt");
            dir = c.walk("a", "b");
            fileid = c.attrs(file).fileid();
            assertEquals(Nfs3Status.OK, c.nfs.rename(c.cred, new RenameArgs(c.root, Filename.of("a"), c.root,
                    Filename.of("renamed"))).join().status());
        }
        server.close();
        server = null;
        start(); // a new server process state: new port, same export and state directory
        try (ShadowClient c = new ShadowClient(server, export.toString())) {
            Fattr3 a = c.attrs(file);
            assertEquals(fileid, a.fileid());
            ReadResult rr = c.nfs.read(c.cred, new ReadArgs(file, 0, 100)).join();
            try {
                assertEquals(Nfs3Status.OK, rr.status());
                assertEquals("survives\n", rr.data().toString(StandardCharsets.UTF_8));
            } finally {
                rr.release();
            }
            assertEquals(Nfs3Status.OK, c.lookup(dir, "keep.txt").status(), "old directory handle works");
        }
        assertEquals("survives\n", new String(libnfs.cat(url("renamed/b/keep.txt")), StandardCharsets.UTF_8));
    }

    @Test
    void readOnlyServerRefusesChangesWithRofs() throws Exception {
        Files.writeString(export.resolve("ro.txt"), "ro\n");
        server = ShadowServer.builder().export(export).listen(new InetSocketAddress("127.0.0.1", 0))
                .readOnly(true).build().start();
        assertEquals("ro\n", new String(libnfs.cat(url("ro.txt")), StandardCharsets.UTF_8));
        try (ShadowClient c = new ShadowClient(server, export.toString())) {
            assertEquals(Nfs3Status.ROFS, c.nfs.create(c.cred, new CreateArgs(c.root, Filename.of("n"),
                    CreateHow.unchecked(Sattr3.EMPTY))).join().status());
            assertEquals(Nfs3Status.ROFS, c.nfs.remove(c.cred, new RemoveArgs(c.root, Filename.of("ro.txt"))).join().status());
            assertEquals(Nfs3Status.ROFS, c.nfs.mkdir(c.cred, new MkdirArgs(c.root, Filename.of("d"), Sattr3.EMPTY)).join().status());
        }
        assertTrue(Files.exists(export.resolve("ro.txt")));
        assertFalse(Files.exists(export.resolve("n")));
        Path up = Files.writeString(local.resolve("up.txt"), "x");
        assertTrue(libnfs.run("nfs-cp", up.toString(), url("up.txt")).exitCode() != 0, "nfs-cp must fail on a read-only export");
        assertFalse(Files.exists(export.resolve("up.txt")));
    }
}
