package io.rowfs.tests.shadow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.protocol.nfs3.CreateArgs;
import io.rowfs.protocol.nfs3.CreateHow;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.LookupResult;
import io.rowfs.protocol.nfs3.MkdirArgs;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.RemoveArgs;
import io.rowfs.protocol.nfs3.RenameArgs;
import io.rowfs.protocol.nfs3.Sattr3;
import io.rowfs.protocol.nfs3.SymlinkArgs;
import io.rowfs.protocol.nfs3.NfsPath;
import io.rowfs.shadow.ShadowServer;
import io.rowfs.tests.peers.Libnfs;
import io.rowfs.tests.peers.NfsUrl;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Garbage on the wire, forged handles and escaping names never crash or escape the shadow server. */
@Tag("peer")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ShadowBadInputTest {
    @TempDir
    Path base;
    Path export;
    private ShadowServer server;

    @BeforeEach
    void start() throws Exception {
        export = Files.createDirectory(base.resolve("export"));
        Files.writeString(base.resolve("outside.txt"), "secret\n");
        Files.writeString(export.resolve("inside.txt"), "inside\n");
        server = ShadowServer.builder().export(export).listen(new InetSocketAddress("127.0.0.1", 0)).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void stillServes() {
        String url = NfsUrl.v3("127.0.0.1", export.toString(), "inside.txt", server.port(), server.port());
        assertEquals("inside\n", new String(Libnfs.host().withTimeout(Duration.ofSeconds(30)).cat(url)));
    }

    @Test
    void randomAndTruncatedBytesOnTcpAndUdpDoNotHurtTheServer() throws Exception {
        Random r = new Random(7);
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        for (int i = 0; i < 200; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(lo, server.port()), 5000);
                OutputStream out = s.getOutputStream();
                byte[] junk = new byte[r.nextInt(2000)];
                r.nextBytes(junk);
                if (i % 3 == 0 && junk.length >= 4) { // a plausible record mark with a lying length
                    ByteBuffer.wrap(junk).putInt(0x80000000 | (r.nextInt(1 << 30)));
                }
                if (i % 5 == 0 && junk.length >= 48) { // a last-fragment record with a valid-looking RPC call header
                    ByteBuffer b = ByteBuffer.wrap(junk);
                    b.putInt(0x80000000 | (junk.length - 4)).putInt(r.nextInt()).putInt(0).putInt(2)
                            .putInt(100003).putInt(3).putInt(r.nextInt(23));
                }
                out.write(junk);
                out.flush();
            } catch (java.io.IOException e) {
                // the server may close on us: fine
            }
        }
        try (DatagramSocket d = new DatagramSocket()) {
            for (int i = 0; i < 200; i++) {
                byte[] junk = new byte[r.nextInt(1500)];
                r.nextBytes(junk);
                if (i % 2 == 0 && junk.length >= 28) {
                    ByteBuffer.wrap(junk).putInt(r.nextInt()).putInt(0).putInt(2).putInt(100003).putInt(3)
                            .putInt(r.nextInt(23));
                }
                d.send(new DatagramPacket(junk, junk.length, lo, server.port()));
            }
        }
        stillServes();
        try (ShadowClient c = new ShadowClient(server, export.toString())) {
            assertEquals(Nfs3Status.OK, c.getattr(c.root).status());
        }
    }

    @Test
    void forgedTruncatedAndOversizedHandlesAreBadHandles() {
        try (ShadowClient c = new ShadowClient(server, export.toString())) {
            FileHandle good = c.walk("inside.txt");
            byte[] b = good.bytes();
            for (int i = 0; i < b.length; i++) {
                byte[] f = b.clone();
                f[i] ^= 0x40;
                assertEquals(Nfs3Status.BADHANDLE, c.getattr(FileHandle.of(f)).status(), "flipped byte " + i);
            }
            assertEquals(Nfs3Status.BADHANDLE, c.getattr(FileHandle.of(Arrays.copyOf(b, 16))).status());
            assertEquals(Nfs3Status.BADHANDLE, c.getattr(FileHandle.of(new byte[0])).status());
            assertEquals(Nfs3Status.BADHANDLE, c.getattr(FileHandle.of(Arrays.copyOf(b, 64))).status());
            byte[] garbage = new byte[32];
            new Random(3).nextBytes(garbage);
            assertEquals(Nfs3Status.BADHANDLE, c.getattr(FileHandle.of(garbage)).status());
            assertEquals(Nfs3Status.BADHANDLE, c.lookup(FileHandle.of(garbage), "x").status());
            assertEquals(Nfs3Status.OK, c.getattr(good).status());
        }
        stillServes();
    }

    @Test
    void traversalNamesCannotEscapeTheExport() throws Exception {
        try (ShadowClient c = new ShadowClient(server, export.toString())) {
            long rootId = c.attrs(c.root).fileid();
            LookupResult up = c.lookup(c.root, "..");
            assertEquals(Nfs3Status.OK, up.status());
            assertEquals(rootId, up.objAttributes().attributes().fileid(), "'..' of the root is the root");
            assertEquals(c.root, up.object());
            for (String bad : new String[] {"../outside.txt", "/etc/passwd", "..\u0000", "a/../..", "/",
                    "x\u0000y"}) {
                LookupResult lr = c.lookup(c.root, bad);
                assertNotEquals(Nfs3Status.OK, lr.status(), "LOOKUP " + bad);
                assertTrue(lr.status() == Nfs3Status.INVAL || lr.status() == Nfs3Status.ACCES
                        || lr.status() == Nfs3Status.NOENT, bad + ": " + lr.status());
                Nfs3Status cs = c.nfs.create(c.cred, new CreateArgs(c.root, Filename.of(bad),
                        CreateHow.unchecked(Sattr3.EMPTY))).join().status();
                assertTrue(cs == Nfs3Status.INVAL || cs == Nfs3Status.ACCES, "CREATE " + bad + ": " + cs);
                Nfs3Status ms = c.nfs.mkdir(c.cred, new MkdirArgs(c.root, Filename.of(bad), Sattr3.EMPTY)).join().status();
                assertTrue(ms == Nfs3Status.INVAL || ms == Nfs3Status.ACCES, "MKDIR " + bad + ": " + ms);
                Nfs3Status rs = c.nfs.remove(c.cred, new RemoveArgs(c.root, Filename.of(bad))).join().status();
                assertTrue(rs == Nfs3Status.INVAL || rs == Nfs3Status.ACCES, "REMOVE " + bad + ": " + rs);
                Nfs3Status mv = c.nfs.rename(c.cred, new RenameArgs(c.root, Filename.of("inside.txt"), c.root,
                        Filename.of(bad))).join().status();
                assertTrue(mv == Nfs3Status.INVAL || mv == Nfs3Status.ACCES, "RENAME to " + bad + ": " + mv);
            }
            for (String bad : new String[] {"..", "."}) {
                Nfs3Status cs = c.nfs.create(c.cred, new CreateArgs(c.root, Filename.of(bad),
                        CreateHow.unchecked(Sattr3.EMPTY))).join().status();
                assertNotEquals(Nfs3Status.OK, cs, "CREATE " + bad);
            }
            assertEquals(Nfs3Status.NOENT, c.lookup(c.root, ".rowfs-shadow").status(), "state dir hidden");
            assertEquals(Nfs3Status.ACCES, c.nfs.remove(c.cred, new RemoveArgs(c.root, Filename.of(".rowfs-shadow")))
                    .join().status());
            // a symlink pointing outside is stored as given and never followed by the server
            assertEquals(Nfs3Status.OK, c.nfs.symlink(c.cred, new SymlinkArgs(c.root, Filename.of("out"), Sattr3.EMPTY,
                    NfsPath.of("../outside.txt"))).join().status());
            assertEquals(Nfs3Status.NOTDIR, c.lookup(c.walk("out"), "x").status());
        }
        assertEquals("secret\n", Files.readString(base.resolve("outside.txt")));
        try (var s = Files.list(base)) {
            assertEquals(2, s.count(), "nothing created next to the export");
        }
        assertFalse(Files.exists(Path.of("/etc/passwd/x")));
        stillServes();
    }
}
