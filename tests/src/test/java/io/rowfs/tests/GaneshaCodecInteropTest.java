package io.rowfs.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.rowfs.protocol.nfs3.*;
import io.rowfs.protocol.client.RpcReply;
import io.rowfs.protocol.rpc.Credentials;
import io.rowfs.tests.support.GaneshaNfs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * This project's NFSv3 codecs against a stranger: a real nfs-ganesha (VFS FSAL) exporting a
 * scratch directory. Every procedure ganesha serves is called through {@link Nfs3Client}, and
 * what comes back is checked against the files on disk (and what is sent, against what lands on
 * disk). One ganesha per class; each test works in its own subdirectory, created on disk before
 * ganesha first sees it.
 */
@Tag("peer")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GaneshaCodecInteropTest {
    @TempDir
    static Path export;
    private GaneshaNfs g;
    private Nfs3Client nfs;
    private Credentials cred;

    @BeforeAll
    void start() {
        g = GaneshaNfs.start(export);
        nfs = g.nfs();
        cred = g.cred();
    }

    @AfterAll
    void stop() {
        if (g != null) {
            g.close();
        }
    }

    /** Creates {@code name} on disk, lets {@code prepare} fill it, and returns its NFS handle. */
    private FileHandle dir(String name, DiskSetup prepare) throws Exception {
        Path d = Files.createDirectory(export.resolve(name));
        prepare.run(d);
        return g.walk(name);
    }

    @FunctionalInterface
    private interface DiskSetup {
        void run(Path dir) throws Exception;
    }

    private static long inode(Path p) throws Exception {
        return (Long) Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
    }

    private static int unixMode(Path p) throws Exception {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    }

    private Fattr3 getattr(FileHandle fh) {
        GetattrResult r = nfs.getattr(cred, new GetattrArgs(fh)).join();
        assertEquals(Nfs3Status.OK, r.status());
        return r.attributes();
    }

    @Test
    void getattrAndLookupMatchTheDisk() throws Exception {
        byte[] content = new byte[1234];
        FileHandle dh = dir("attrs", d -> {
            Files.write(d.resolve("f.txt"), content);
            Files.setPosixFilePermissions(d.resolve("f.txt"), PosixFilePermissions.fromString("rw-r-----"));
        });
        Path f = export.resolve("attrs/f.txt");
        LookupResult lr = nfs.lookup(cred, new LookupArgs(dh, Filename.of("f.txt"))).join();
        assertEquals(Nfs3Status.OK, lr.status());
        Fattr3 a = getattr(lr.object());
        assertEquals(FileType.REG, a.type());
        assertEquals(1234, a.size());
        assertEquals(0640, a.mode() & 07777);
        assertEquals(1, a.nlink());
        assertEquals(inode(f), a.fileid());
        assertEquals(Files.getAttribute(f, "unix:uid"), a.uid());
        assertEquals(Files.getLastModifiedTime(f).toInstant().getEpochSecond(),
                a.mtime().toInstant().getEpochSecond());
        assertEquals(lr.objAttributes().attributes().fileid(), a.fileid());
        assertEquals(FileType.DIR, getattr(dh).type());
        assertEquals(inode(export.resolve("attrs")), getattr(dh).fileid());

        LookupResult missing = nfs.lookup(cred, new LookupArgs(dh, Filename.of("missing"))).join();
        assertEquals(Nfs3Status.NOENT, missing.status());
    }

    @Test
    void setattrChangesModeSizeAndTimesOnDisk() throws Exception {
        FileHandle dh = dir("setattr", d -> Files.write(d.resolve("f"), new byte[100]));
        FileHandle fh = g.lookup(dh, "f");
        Sattr3 s = Sattr3.EMPTY.withMode(0600).withSize(10)
                .withMtime(SetTime.client(new NfsTime3(1_600_000_000, 0)));
        SetattrResult r = nfs.setattr(cred, new SetattrArgs(fh, s, null)).join();
        assertEquals(Nfs3Status.OK, r.status());
        assertEquals(10, r.wcc().after().attributes().size());
        Path f = export.resolve("setattr/f");
        assertEquals(10, Files.size(f));
        assertEquals(0600, unixMode(f) & 07777);
        assertEquals(FileTime.from(1_600_000_000, TimeUnit.SECONDS), Files.getLastModifiedTime(f));

        SetattrResult guarded = nfs.setattr(cred, new SetattrArgs(fh, Sattr3.EMPTY.withMode(0644),
                new NfsTime3(1, 0))).join();
        assertEquals(Nfs3Status.NOT_SYNC, guarded.status());
        assertEquals(0600, unixMode(f) & 07777, "a failed guard changes nothing");
    }

    @Test
    void accessGrantsRootReadAndModify() throws Exception {
        FileHandle dh = dir("access", d -> Files.write(d.resolve("f"), new byte[1]));
        AccessResult r = nfs.access(cred, new AccessArgs(g.lookup(dh, "f"), Access.ALL)).join();
        assertEquals(Nfs3Status.OK, r.status());
        int want = Access.READ | Access.MODIFY | Access.EXTEND;
        assertEquals(want, r.access() & want);
        assertTrue(r.attributes().isPresent());
    }

    @Test
    void readlinkReturnsTheTargetOnDisk() throws Exception {
        FileHandle dh = dir("readlink", d -> Files.createSymbolicLink(d.resolve("l"), Path.of("some/target")));
        FileHandle lh = g.lookup(dh, "l");
        assertEquals(FileType.LNK, getattr(lh).type());
        ReadlinkResult r = nfs.readlink(cred, new ReadlinkArgs(lh)).join();
        assertEquals(Nfs3Status.OK, r.status());
        assertEquals("some/target", r.data().toString());
    }

    @Test
    void readReturnsTheBytesOnDisk() throws Exception {
        byte[] content = new byte[300_000];
        new Random(3).nextBytes(content);
        FileHandle dh = dir("read", d -> Files.write(d.resolve("f"), content));
        FileHandle fh = g.lookup(dh, "f");
        assertRead(fh, 0, 65536, content, false);
        assertRead(fh, 299_990, 100, content, true);
        assertRead(fh, 400_000, 100, content, true);
        ByteBuf whole = Unpooled.buffer();
        try {
            long offset = 0;
            boolean eof = false;
            while (!eof) {
                ReadResult r = nfs.read(cred, new ReadArgs(fh, offset, 32768)).join();
                try {
                    assertEquals(Nfs3Status.OK, r.status());
                    whole.writeBytes(r.data(), r.data().readerIndex(), r.count());
                    offset += r.count();
                    eof = r.eof();
                } finally {
                    r.release();
                }
            }
            assertArrayEquals(content, ByteBufUtil.getBytes(whole));
        } finally {
            whole.release();
        }
    }

    private void assertRead(FileHandle fh, long offset, int count, byte[] content, boolean eof) {
        ReadResult r = nfs.read(cred, new ReadArgs(fh, offset, count)).join();
        try {
            assertEquals(Nfs3Status.OK, r.status());
            int expected = (int) Math.max(0, Math.min(count, content.length - offset));
            assertEquals(expected, r.count());
            assertEquals(expected, r.data().readableBytes());
            assertEquals(eof, r.eof(), "eof at " + offset);
            byte[] want = new byte[expected];
            if (expected > 0) {
                System.arraycopy(content, (int) offset, want, 0, expected);
            }
            assertArrayEquals(want, ByteBufUtil.getBytes(r.data()));
            assertEquals(content.length, r.attributes().attributes().size());
        } finally {
            r.release();
        }
    }

    @Test
    void writeInAllThreeStableModesThenCommit() throws Exception {
        FileHandle dh = dir("write", d -> Files.createFile(d.resolve("f")));
        FileHandle fh = g.lookup(dh, "f");
        byte[] expected = new byte[15_000];
        new Random(5).nextBytes(expected);
        Verifier unstableVerf = null;
        StableHow[] modes = {StableHow.UNSTABLE, StableHow.FILE_SYNC, StableHow.DATA_SYNC};
        for (int i = 0; i < 3; i++) {
            ByteBuf data = Unpooled.wrappedBuffer(expected, i * 5000, 5000);
            WriteArgs args = WriteArgs.of(fh, i * 5000L, modes[i], data);
            WriteResult r;
            try {
                r = nfs.write(cred, args).join();
            } finally {
                args.release();
            }
            assertEquals(Nfs3Status.OK, r.status(), modes[i].toString());
            assertEquals(5000, r.count());
            assertTrue(r.committed().ordinal() >= modes[i].ordinal(), r.committed() + " for " + modes[i]);
            assertEquals((i + 1) * 5000L, r.wcc().after().attributes().size());
            if (i == 0) {
                unstableVerf = r.verifier();
            }
        }
        CommitResult c = nfs.commit(cred, new CommitArgs(fh, 0, 0)).join();
        assertEquals(Nfs3Status.OK, c.status());
        assertEquals(unstableVerf, c.verifier(), "WRITE and COMMIT verifiers agree");
        assertArrayEquals(expected, Files.readAllBytes(export.resolve("write/f")));
    }

    @Test
    void createInAllThreeModes() throws Exception {
        FileHandle dh = dir("create", d -> { });
        Path d = export.resolve("create");
        NewObjectResult u = create(dh, "u", CreateHow.unchecked(Sattr3.EMPTY.withMode(0604)));
        assertEquals(Nfs3Status.OK, u.status());
        assertNotNull(u.object());
        assertEquals(0604, unixMode(d.resolve("u")) & 07777);
        assertEquals(inode(d.resolve("u")), u.objAttributes().attributes().fileid());
        assertEquals(Nfs3Status.OK, create(dh, "u", CreateHow.unchecked(Sattr3.EMPTY)).status());

        assertEquals(Nfs3Status.OK, create(dh, "g", CreateHow.guarded(Sattr3.EMPTY.withMode(0600))).status());
        assertEquals(Nfs3Status.EXIST, create(dh, "g", CreateHow.guarded(Sattr3.EMPTY)).status());

        Verifier v = new Verifier(0x1122334455667788L);
        NewObjectResult x1 = create(dh, "x", CreateHow.exclusive(v));
        assertEquals(Nfs3Status.OK, x1.status());
        NewObjectResult x2 = create(dh, "x", CreateHow.exclusive(v));
        assertEquals(Nfs3Status.OK, x2.status(), "a retransmitted exclusive create succeeds");
        assertEquals(x1.object(), x2.object());
        assertEquals(Nfs3Status.EXIST, create(dh, "x", CreateHow.exclusive(new Verifier(1))).status());
        SetattrResult fix = nfs.setattr(cred, new SetattrArgs(x1.object(),
                Sattr3.EMPTY.withMode(0640), null)).join();
        assertEquals(Nfs3Status.OK, fix.status());
        assertEquals(Set.of("u", "g", "x"), names(d));
        assertTrue(Files.isRegularFile(d.resolve("x")));
    }

    private NewObjectResult create(FileHandle dh, String name, CreateHow how) {
        return nfs.create(cred, new CreateArgs(dh, Filename.of(name), how)).join();
    }

    private static Set<String> names(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void mkdirSymlinkAndMknodCreateTheRightTypesOnDisk() throws Exception {
        FileHandle dh = dir("types", d -> { });
        Path d = export.resolve("types");
        NewObjectResult m = nfs.mkdir(cred, new MkdirArgs(dh, Filename.of("sub"), Sattr3.EMPTY.withMode(0750))).join();
        assertEquals(Nfs3Status.OK, m.status());
        assertTrue(Files.isDirectory(d.resolve("sub")));
        assertEquals(0750, unixMode(d.resolve("sub")) & 07777);
        assertEquals(FileType.DIR, m.objAttributes().attributes().type());
        assertEquals(Nfs3Status.EXIST, nfs.mkdir(cred, new MkdirArgs(dh, Filename.of("sub"),
                Sattr3.EMPTY)).join().status());

        NewObjectResult s = nfs.symlink(cred, new SymlinkArgs(dh, Filename.of("ln"), Sattr3.EMPTY,
                NfsPath.of("../a/b c"))).join();
        assertEquals(Nfs3Status.OK, s.status());
        assertEquals(Path.of("../a/b c"), Files.readSymbolicLink(d.resolve("ln")));

        NewObjectResult p = nfs.mknod(cred, new MknodArgs(dh, Filename.of("fifo"), FileType.FIFO,
                Sattr3.EMPTY.withMode(0600), null)).join();
        assertEquals(Nfs3Status.OK, p.status());
        assertEquals(0010000, unixMode(d.resolve("fifo")) & 0170000, "S_IFIFO on disk");
        assertEquals(FileType.FIFO, getattr(g.lookup(dh, "fifo")).type());
    }

    @Test
    void removeRmdirRenameAndLinkChangeTheDisk() throws Exception {
        FileHandle dh = dir("ns", d -> {
            Files.write(d.resolve("a"), "A".getBytes(StandardCharsets.UTF_8));
            Files.createDirectory(d.resolve("empty"));
            Files.createDirectories(d.resolve("full/x"));
        });
        Path d = export.resolve("ns");
        FileHandle ah = g.lookup(dh, "a");
        LinkResult l = nfs.link(cred, new LinkArgs(ah, dh, Filename.of("b"))).join();
        assertEquals(Nfs3Status.OK, l.status());
        assertEquals(2, l.attributes().attributes().nlink());
        assertEquals(inode(d.resolve("a")), inode(d.resolve("b")));

        RenameResult rn = nfs.rename(cred, new RenameArgs(dh, Filename.of("a"), dh, Filename.of("c"))).join();
        assertEquals(Nfs3Status.OK, rn.status());
        assertTrue(rn.toDirWcc().after().isPresent());
        assertFalse(Files.exists(d.resolve("a")));
        assertEquals("A", Files.readString(d.resolve("c")));

        assertEquals(Nfs3Status.OK, nfs.remove(cred, new RemoveArgs(dh, Filename.of("b"))).join().status());
        assertFalse(Files.exists(d.resolve("b")));
        assertEquals(Nfs3Status.NOENT, nfs.remove(cred, new RemoveArgs(dh, Filename.of("b"))).join().status());

        RmdirResult full = nfs.rmdir(cred, new RmdirArgs(dh, Filename.of("full"))).join();
        assertEquals(Nfs3Status.NOTEMPTY, full.status());
        assertTrue(Files.isDirectory(d.resolve("full/x")));
        assertEquals(Nfs3Status.OK, nfs.rmdir(cred, new RmdirArgs(dh, Filename.of("empty"))).join().status());
        assertEquals(Set.of("c", "full"), names(d));
    }

    private static final int LISTED = 300;

    private static void manyFiles(Path d) throws Exception {
        for (int i = 0; i < LISTED; i++) {
            Files.write(d.resolve(String.format("entry-%03d-%s", i, "n".repeat(i % 40))), new byte[i]);
        }
    }

    @Test
    void readdirPagesThroughCookiesAndListsExactlyTheDisk() throws Exception {
        FileHandle dh = dir("readdir", GaneshaCodecInteropTest::manyFiles);
        Path d = export.resolve("readdir");
        List<String> seen = new ArrayList<>();
        long cookie = 0;
        Verifier verf = Verifier.ZERO;
        int pages = 0;
        int largest = 0;
        boolean eof = false;
        while (!eof) {
            ReaddirResult r = nfs.readdir(cred, new ReaddirArgs(dh, cookie, verf, 2048)).join();
            assertEquals(Nfs3Status.OK, r.status(), "page " + pages);
            pages++;
            largest = Math.max(largest, encodedSize(r));
            assertFalse(r.entries().isEmpty() && !r.eof(), "a page without entries must be the last");
            for (DirEntry e : r.entries()) {
                String n = e.name().toString();
                if (!n.equals(".") && !n.equals("..")) {
                    seen.add(n);
                    assertEquals(inode(d.resolve(n)), e.fileId(), n);
                }
                cookie = e.cookie();
            }
            verf = r.cookieVerifier();
            eof = r.eof();
            assertTrue(pages < 1000, "no end of directory");
        }
        assertTrue(pages > 3, "several pages, got " + pages);
        assertTrue(largest <= 2048, "ganesha and this codec agree on count: " + largest);
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no name twice");
        assertEquals(names(d), new HashSet<>(seen));
        System.out.println("READDIR count=2048: " + LISTED + " entries in " + pages
                + " pages, largest reply " + largest + " bytes");
    }

    @Test
    void readdirplusPagesWithAttributesAndHandles() throws Exception {
        FileHandle dh = dir("readdirplus", GaneshaCodecInteropTest::manyFiles);
        Path d = export.resolve("readdirplus");
        Set<String> seen = new HashSet<>();
        long cookie = 0;
        Verifier verf = Verifier.ZERO;
        int pages = 0;
        int largest = 0;
        boolean eof = false;
        while (!eof) {
            ReaddirplusResult r = nfs.readdirplus(cred,
                    new ReaddirplusArgs(dh, cookie, verf, 1024, 8192)).join();
            assertEquals(Nfs3Status.OK, r.status(), "page " + pages);
            pages++;
            largest = Math.max(largest, encodedSize(r));
            for (DirEntryPlus e : r.entries()) {
                String n = e.name().toString();
                cookie = e.cookie();
                if (n.equals(".") || n.equals("..")) {
                    continue;
                }
                assertTrue(seen.add(n), "twice: " + n);
                Path p = d.resolve(n);
                Fattr3 a = e.attributes().attributes();
                assertNotNull(a, "attributes of " + n);
                assertEquals(inode(p), a.fileid());
                assertEquals(Files.size(p), a.size());
                assertNotNull(e.handle(), "handle of " + n);
                assertEquals(a.fileid(), getattr(e.handle()).fileid());
            }
            verf = r.cookieVerifier();
            eof = r.eof();
            assertTrue(pages < 1000, "no end of directory");
        }
        assertTrue(pages > 3, "several pages, got " + pages);
        assertTrue(largest <= 8192, "ganesha and this codec agree on maxcount: " + largest);
        assertEquals(names(d), seen);
        System.out.println("READDIRPLUS dircount=1024 maxcount=8192: " + LISTED + " entries in "
                + pages + " pages, largest reply " + largest + " bytes");
    }

    /** Bytes of a result as this project encodes it (what the server sent, re-encoded). */
    private static int encodedSize(Nfs3Result r) {
        ByteBuf b = Unpooled.buffer();
        try {
            r.encode(new io.rowfs.protocol.xdr.XdrEncoder(b));
            return b.readableBytes();
        } finally {
            b.release();
        }
    }

    @Test
    void fsstatFsinfoAndPathconfDescribeTheExport() throws Exception {
        FileHandle root = g.root();
        FsstatResult st = nfs.fsstat(cred, new FsstatArgs(root)).join();
        assertEquals(Nfs3Status.OK, st.status());
        assertEquals(Files.getFileStore(export).getTotalSpace(), st.totalBytes());
        assertTrue(Long.compareUnsigned(st.freeBytes(), st.availBytes()) >= 0);
        assertTrue(st.totalFiles() > 0);

        FsinfoResult fi = nfs.fsinfo(cred, new FsinfoArgs(root)).join();
        assertEquals(Nfs3Status.OK, fi.status());
        assertTrue(fi.rtmax() > 0 && fi.wtmax() > 0 && fi.rtpref() > 0 && fi.dtpref() > 0);
        int both = FsProperties.LINK | FsProperties.SYMLINK;
        assertEquals(both, fi.properties() & both);
        assertNotEquals(0, fi.maxFileSize());
        System.out.printf("FSINFO rtmax=%d rtpref=%d wtmax=%d wtpref=%d dtpref=%d properties=%#x%n",
                fi.rtmax(), fi.rtpref(), fi.wtmax(), fi.wtpref(), fi.dtpref(), fi.properties());

        PathconfResult pc = nfs.pathconf(cred, new PathconfArgs(root)).join();
        assertEquals(Nfs3Status.OK, pc.status());
        assertTrue(pc.nameMax() >= 255, "name_max " + pc.nameMax()); // ganesha 4.3 says 1024
        assertTrue(pc.linkMax() > 1);
        System.out.printf("PATHCONF linkmax=%d name_max=%d no_trunc=%b case_preserving=%b%n",
                pc.linkMax(), pc.nameMax(), pc.noTrunc(), pc.casePreserving());
    }

    /**
     * Calls {@code proc} and checks that decoding ganesha's results and encoding them again gives
     * exactly the bytes ganesha sent. The caller releases the result.
     */
    private <A extends Nfs3Args, R extends Nfs3Result> R byteExact(Nfs3Procedure<A, R> proc, A args) {
        try (RpcReply reply = g.rpc().call(Nfs3.PROGRAM, Nfs3.VERSION, proc.number(), cred,
                args::encode).join()) {
            assertTrue(reply.isSuccess(), proc + " " + reply.status());
            ByteBuf in = reply.results().buffer();
            byte[] wire = ByteBufUtil.getBytes(in, in.readerIndex(), in.readableBytes());
            R r = proc.decodeResult(reply.results());
            assertEquals(0, reply.results().remaining(), proc + " left bytes undecoded");
            ByteBuf again = Unpooled.buffer();
            try {
                r.encode(new io.rowfs.protocol.xdr.XdrEncoder(again));
                assertArrayEquals(wire, ByteBufUtil.getBytes(again), proc + " re-encodes byte for byte");
            } finally {
                again.release();
            }
            return r;
        }
    }

    @Test
    void everyProceduresResultsReEncodeByteForByte() throws Exception {
        FileHandle dh = dir("exact", d -> {
            Files.write(d.resolve("f"), "0123456789".getBytes(StandardCharsets.UTF_8));
            Files.createSymbolicLink(d.resolve("l"), Path.of("f"));
            Files.createDirectory(d.resolve("d"));
        });
        FileHandle f = byteExact(Nfs3Procedure.LOOKUP, new LookupArgs(dh, Filename.of("f"))).object();
        byteExact(Nfs3Procedure.LOOKUP, new LookupArgs(dh, Filename.of("nope")));
        byteExact(Nfs3Procedure.GETATTR, new GetattrArgs(f));
        byteExact(Nfs3Procedure.SETATTR, new SetattrArgs(f, Sattr3.EMPTY.withMode(0644)
                .withAtime(SetTime.SERVER_TIME), null));
        byteExact(Nfs3Procedure.ACCESS, new AccessArgs(f, Access.ALL));
        byteExact(Nfs3Procedure.READLINK, new ReadlinkArgs(g.lookup(dh, "l")));
        byteExact(Nfs3Procedure.READ, new ReadArgs(f, 3, 5)).release();
        WriteArgs w = WriteArgs.of(f, 10, StableHow.UNSTABLE, Unpooled.wrappedBuffer(new byte[7]));
        try {
            byteExact(Nfs3Procedure.WRITE, w);
        } finally {
            w.release();
        }
        byteExact(Nfs3Procedure.COMMIT, new CommitArgs(f, 0, 0));
        byteExact(Nfs3Procedure.CREATE, new CreateArgs(dh, Filename.of("c"),
                CreateHow.guarded(Sattr3.EMPTY)));
        byteExact(Nfs3Procedure.CREATE, new CreateArgs(dh, Filename.of("c"),
                CreateHow.guarded(Sattr3.EMPTY)));
        byteExact(Nfs3Procedure.MKDIR, new MkdirArgs(dh, Filename.of("m"), Sattr3.EMPTY));
        byteExact(Nfs3Procedure.SYMLINK, new SymlinkArgs(dh, Filename.of("s"), Sattr3.EMPTY,
                NfsPath.of("x")));
        byteExact(Nfs3Procedure.MKNOD, new MknodArgs(dh, Filename.of("p"), FileType.FIFO,
                Sattr3.EMPTY, null));
        byteExact(Nfs3Procedure.LINK, new LinkArgs(f, dh, Filename.of("h")));
        byteExact(Nfs3Procedure.RENAME, new RenameArgs(dh, Filename.of("h"), dh, Filename.of("h2")));
        byteExact(Nfs3Procedure.REMOVE, new RemoveArgs(dh, Filename.of("h2")));
        byteExact(Nfs3Procedure.RMDIR, new RmdirArgs(dh, Filename.of("d")));
        byteExact(Nfs3Procedure.RMDIR, new RmdirArgs(dh, Filename.of("d")));
        byteExact(Nfs3Procedure.READDIR, new ReaddirArgs(dh, 0, Verifier.ZERO, 4096));
        byteExact(Nfs3Procedure.READDIRPLUS, new ReaddirplusArgs(dh, 0, Verifier.ZERO, 4096, 32768));
        byteExact(Nfs3Procedure.FSSTAT, new FsstatArgs(g.root()));
        byteExact(Nfs3Procedure.FSINFO, new FsinfoArgs(g.root()));
        byteExact(Nfs3Procedure.PATHCONF, new PathconfArgs(g.root()));
    }

    @Test
    void aForgedHandleIsRefusedAndTheConnectionKeepsWorking() {
        byte[] junk = new byte[64];
        new Random(9).nextBytes(junk);
        GetattrResult r = nfs.getattr(cred, new GetattrArgs(FileHandle.of(junk))).join();
        assertNotEquals(Nfs3Status.OK, r.status());
        nfs.ping(cred).join();
        assertEquals(FileType.DIR, getattr(g.root()).type());
    }
}
