package io.rowfs.shadow.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShadowFsTest {
    @TempDir
    Path export;
    ShadowFs fs;

    @BeforeEach
    void open() throws Exception {
        fs = new ShadowFs(export, null, false, 1, 16, Clock.systemUTC());
    }

    @AfterEach
    void close() throws Exception {
        fs.close();
    }

    private ShadowFs restart() throws Exception {
        fs.close();
        fs = new ShadowFs(export, null, false, 1, 16, Clock.systemUTC());
        return fs;
    }

    private ShadowFs.Node root() throws Exception {
        return fs.node(fs.rootHandle());
    }

    private ShadowFs.Node mkfile(ShadowFs.Node dir, String name) throws Exception {
        return fs.create(dir, name, ShadowFs.CreateMode.GUARDED, SetAttrs.NONE, null, Cred.ROOT);
    }

    @Test
    void rootHandleIsStableAcrossRestart() throws Exception {
        byte[] h = fs.rootHandle();
        restart();
        assertArrayEquals(h, fs.rootHandle());
        assertEquals(fs.root(), fs.resolve(h));
    }

    @Test
    void handlesSurviveRestartAndRenameOfFileAndOfAncestor() throws Exception {
        ShadowFs.Node a = fs.mkdir(root(), "a", SetAttrs.NONE, Cred.ROOT);
        ShadowFs.Node b = fs.mkdir(a, "b", SetAttrs.NONE, Cred.ROOT);
        ShadowFs.Node f = mkfile(b, "f");
        byte[] hf = fs.handle(f.inode());
        byte[] hb = fs.handle(b.inode());
        restart();
        assertEquals(export.toRealPath().resolve("a/b/f"), fs.resolve(hf));
        fs.rename(fs.node(hb), "f", root(), "g");
        assertEquals(export.toRealPath().resolve("g"), fs.resolve(hf));
        fs.rename(root(), "a", root(), "z");
        assertEquals(export.toRealPath().resolve("z/b"), fs.resolve(hb));
        restart();
        assertEquals(export.toRealPath().resolve("z/b"), fs.resolve(hb));
        assertEquals(export.toRealPath().resolve("g"), fs.resolve(hf));
    }

    @Test
    void handlesSurviveOutOfBandRenameAndLostTableThroughScan() throws Exception {
        ShadowFs.Node d = fs.mkdir(root(), "d", SetAttrs.NONE, Cred.ROOT);
        ShadowFs.Node f = mkfile(d, "f");
        byte[] hf = fs.handle(f.inode());
        fs.close();
        Files.delete(export.resolve(StateDir.DEFAULT_NAME).resolve("inodes.log"));
        Files.createDirectories(export.resolve("x/y"));
        Files.move(export.resolve("d"), export.resolve("x/y/moved"));
        fs = new ShadowFs(export, null, false, 1, 16, Clock.systemUTC());
        assertEquals(export.toRealPath().resolve("x/y/moved/f"), fs.resolve(hf));
        // after the scan adopted the handle's generation, the same handle keeps working
        restart();
        assertEquals(export.toRealPath().resolve("x/y/moved/f"), fs.resolve(hf));
    }

    @Test
    void removedObjectsAreStaleAndReusedInodesDoNotResurrectOldHandles() throws Exception {
        ShadowFs.Node f = mkfile(root(), "f");
        byte[] h = fs.handle(f.inode());
        fs.remove(root(), "f");
        assertEquals(FsError.STALE, assertThrows(FsException.class, () -> fs.resolve(h)).error());
        // create files until the inode number is reused (tmpfs/ext4 reuse quickly); the old handle
        // must stay stale because the generation differs
        for (int i = 0; i < 200; i++) {
            ShadowFs.Node n = mkfile(root(), "n" + i);
            if (n.inode() == f.inode()) {
                assertEquals(FsError.STALE, assertThrows(FsException.class, () -> fs.resolve(h)).error());
                return;
            }
        }
    }

    @Test
    void forgedAndTruncatedHandlesAreBadHandles() throws Exception {
        byte[] h = fs.rootHandle();
        byte[] forged = h.clone();
        forged[10] ^= 1;
        assertEquals(FsError.BAD_HANDLE, assertThrows(FsException.class, () -> fs.resolve(forged)).error());
        byte[] shortH = java.util.Arrays.copyOf(h, 20);
        assertEquals(FsError.BAD_HANDLE, assertThrows(FsException.class, () -> fs.resolve(shortH)).error());
        // a handle of another server (other key) is not accepted either
        Path other = Files.createDirectory(export.resolve("other"));
        try (ShadowFs o = new ShadowFs(other, null, false, 1, 4, Clock.systemUTC())) {
            byte[] oh = o.rootHandle();
            assertEquals(FsError.BAD_HANDLE, assertThrows(FsException.class, () -> fs.resolve(oh)).error());
        }
    }

    @Test
    void traversalNamesNeverLeaveTheExport() throws Exception {
        ShadowFs.Node r = root();
        for (String bad : new String[] {"..", ".", "", "a/b", "/etc", "../x", "x\0y", "/"}) {
            assertThrows(FsException.class, () -> mkfile(r, bad), bad);
            assertThrows(FsException.class, () -> fs.mkdir(r, bad, SetAttrs.NONE, Cred.ROOT), bad);
            assertThrows(FsException.class, () -> fs.remove(r, bad), bad);
        }
        for (String bad : new String[] {"a/b", "/etc", "../x", "x\0y", "/", "", "/etc/passwd"}) {
            assertThrows(FsException.class, () -> fs.lookup(r, bad), bad);
        }
        assertEquals(FsError.NAME_TOO_LONG,
                assertThrows(FsException.class, () -> mkfile(r, "x".repeat(256))).error());
        // ".." of the root is the root; "." is the directory itself
        assertEquals(fs.root(), fs.lookup(r, "..").path());
        assertEquals(fs.root(), fs.lookup(r, ".").path());
        ShadowFs.Node d = fs.mkdir(r, "d", SetAttrs.NONE, Cred.ROOT);
        assertEquals(fs.root(), fs.lookup(d, "..").path());
        ShadowFs.Node e = fs.mkdir(d, "e", SetAttrs.NONE, Cred.ROOT);
        assertEquals(d.path(), fs.lookup(e, "..").path());
        // symlinks pointing outside are stored as links, never followed by the server
        ShadowFs.Node l = fs.symlink(r, "out", "/etc", SetAttrs.NONE, Cred.ROOT);
        assertEquals(FileType.SYMLINK, l.attrs().type());
        assertEquals(FsError.NOT_DIR, assertThrows(FsException.class, () -> fs.lookup(l, "passwd")).error());
    }

    @Test
    void stateDirectoryIsHiddenAndUntouchable() throws Exception {
        ShadowFs.Node r = root();
        assertTrue(Files.isDirectory(export.resolve(StateDir.DEFAULT_NAME)));
        assertThrows(NoSuchFileException.class, () -> fs.lookup(r, StateDir.DEFAULT_NAME));
        assertEquals(FsError.ACCESS, assertThrows(FsException.class,
                () -> fs.remove(r, StateDir.DEFAULT_NAME)).error());
        assertEquals(FsError.ACCESS, assertThrows(FsException.class,
                () -> fs.rmdir(r, StateDir.DEFAULT_NAME)).error());
        mkfile(r, "f");
        assertEquals(FsError.ACCESS, assertThrows(FsException.class,
                () -> fs.rename(r, "f", r, StateDir.DEFAULT_NAME)).error());
        List<String> names = new ArrayList<>();
        fs.list(r, 0).forEach(e -> names.add(e.name()));
        assertEquals(List.of("f"), names);
    }

    @Test
    void exclusiveCreateAnswersRetransmissionWithSameVerifier() throws Exception {
        byte[] v = {1, 2, 3, 4, (byte) 0xF5, 6, 7, 8};
        ShadowFs.Node a = fs.create(root(), "x", ShadowFs.CreateMode.EXCLUSIVE, SetAttrs.NONE, v, Cred.ROOT);
        ShadowFs.Node b = fs.create(root(), "x", ShadowFs.CreateMode.EXCLUSIVE, SetAttrs.NONE, v, Cred.ROOT);
        assertEquals(a.inode(), b.inode());
        byte[] w = v.clone();
        w[7] = 9;
        assertThrows(FileAlreadyExistsException.class,
                () -> fs.create(root(), "x", ShadowFs.CreateMode.EXCLUSIVE, SetAttrs.NONE, w, Cred.ROOT));
        assertThrows(FileAlreadyExistsException.class, () -> mkfile(root(), "x"));
        // UNCHECKED over an existing file succeeds and applies the size
        ShadowFs.Node u = fs.create(root(), "x", ShadowFs.CreateMode.UNCHECKED,
                new SetAttrs(0600, null, null, 0L, null, null), null, Cred.ROOT);
        assertEquals(a.inode(), u.inode());
        assertEquals(0600, u.attrs().mode());
    }

    @Test
    void newObjectsGetExactlyTheAskedModeWhateverTheUmaskOrAParentSetGroupId() throws Exception {
        ShadowFs.Node r = root();
        // 0666 and 0777 lose bits to any usual umask (022, 002): the lstat after creation shows it
        for (int mode : new int[] {0666, 0777, 04755, 02750, 01777, 0, 0644, 0400}) {
            ShadowFs.Node f = fs.create(r, "f" + Integer.toOctalString(mode), ShadowFs.CreateMode.GUARDED,
                    new SetAttrs(mode, null, null, null, null, null), null, Cred.ROOT);
            assertEquals(mode, f.attrs().mode(), Integer.toOctalString(mode));
            assertEquals(mode, fs.attrs(f.path()).mode(), "returned attributes are the file's");
            ShadowFs.Node d = fs.mkdir(r, "d" + Integer.toOctalString(mode),
                    new SetAttrs(mode, null, null, null, null, null), Cred.ROOT);
            assertEquals(mode, d.attrs().mode(), Integer.toOctalString(mode));
            assertEquals(mode, fs.attrs(d.path()).mode());
        }
        assertEquals(0644, mkfile(r, "default").attrs().mode());
        assertEquals(0755, fs.mkdir(r, "defaultdir", SetAttrs.NONE, Cred.ROOT).attrs().mode());
        // a directory created in a set-group-ID directory inherits the bit unless it is put right
        ShadowFs.Node sg = fs.mkdir(r, "sg", new SetAttrs(02775, null, null, null, null, null), Cred.ROOT);
        ShadowFs.Node inner = fs.mkdir(sg, "inner", new SetAttrs(0755, null, null, null, null, null), Cred.ROOT);
        assertEquals(0755, inner.attrs().mode());
        assertEquals(0755, fs.attrs(inner.path()).mode());
    }

    @Test
    void asRootNewObjectsBelongToTheCallerOrToTheAskedOwner() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "chown needs root");
        ShadowFs.Node r = root();
        Cred user = new Cred(1234, 5678, new int[0]);
        ShadowFs.Node f = fs.create(r, "f", ShadowFs.CreateMode.UNCHECKED,
                new SetAttrs(04755, null, null, null, null, null), null, user);
        assertEquals(1234, f.attrs().uid());
        assertEquals(5678, f.attrs().gid());
        assertEquals(04755, f.attrs().mode(), "the chown does not clear the set-user-ID bit given after it");
        assertEquals(f.attrs(), fs.attrs(f.path()));
        ShadowFs.Node g = fs.create(r, "g", ShadowFs.CreateMode.GUARDED,
                new SetAttrs(null, 42, null, null, null, null), null, user);
        assertEquals(42, g.attrs().uid());
        assertEquals(5678, g.attrs().gid());
        ShadowFs.Node d = fs.mkdir(r, "d", SetAttrs.NONE, Cred.ROOT);
        assertEquals(0, d.attrs().uid());
        assertEquals(0, d.attrs().gid());
        ShadowFs.Node e = fs.create(r, "e", ShadowFs.CreateMode.EXCLUSIVE, SetAttrs.NONE, new byte[8], user);
        assertEquals(1234, e.attrs().uid());
        assertEquals(0644, e.attrs().mode());
        // SETATTR of owner and an unchanged set-user-ID mode: the chown clears the bit, the mode is set again
        FileAttrs s = fs.setAttrs(f, new SetAttrs(04755, 4321, 8765, null, null, null));
        assertEquals(4321, s.uid());
        assertEquals(8765, s.gid());
        assertEquals(04755, s.mode());
        FileAttrs same = fs.setAttrs(fs.node(fs.handle(f.inode())), new SetAttrs(04755, null, null, null, null, null));
        assertEquals(04755, same.mode());
        assertEquals(s.ctimeSec(), same.ctimeSec(), "an unchanged mode is not written again");
        assertEquals(s.ctimeNsec(), same.ctimeNsec());
        assertEquals(0700, fs.setAttrs(fs.node(fs.handle(f.inode())),
                new SetAttrs(0700, null, null, null, null, null)).mode());
    }

    @Test
    void aRemovedFileInodeServesTheNextCreateEmptyWithNewTimesModeAndHandle() throws Exception {
        ShadowFs.Node r = root();
        ShadowFs.Node old = fs.create(r, "old", ShadowFs.CreateMode.GUARDED,
                new SetAttrs(04711, null, null, null, null, SetAttrs.TimeSet.client(1_000_000, 0)), null, Cred.ROOT);
        fs.write(old, 0, Unpooled.wrappedBuffer("secret".getBytes(StandardCharsets.UTF_8)), ShadowFs.Stable.UNSTABLE);
        byte[] oldHandle = fs.handle(old.inode());
        assertEquals(6, fs.remove(r, "old").size());
        assertEquals(1, fs.pool().size(), "parked, not unlinked");
        assertFalse(Files.exists(export.resolve("old")));
        assertEquals(FsError.STALE, assertThrows(FsException.class, () -> fs.resolve(oldHandle)).error());
        long before = System.currentTimeMillis() / 1000 - 1;
        ShadowFs.Node n = fs.create(r, "new", ShadowFs.CreateMode.UNCHECKED,
                new SetAttrs(0640, null, null, null, null, null), null, Cred.ROOT);
        assertEquals(old.inode(), n.inode(), "the parked inode was reused");
        assertEquals(0, fs.pool().size());
        assertEquals(n.attrs(), fs.attrs(export.resolve("new")), "returned attributes are the file's");
        assertEquals(0, n.attrs().size());
        assertEquals(1, n.attrs().nlink());
        assertEquals(0640, n.attrs().mode());
        assertTrue(n.attrs().mtimeSec() >= before && n.attrs().atimeSec() >= before, "times of a new file");
        assertEquals(0, Files.size(export.resolve("new")));
        assertFalse(java.util.Arrays.equals(oldHandle, fs.handle(n.inode())), "a new generation");
        assertEquals(FsError.STALE, assertThrows(FsException.class, () -> fs.resolve(oldHandle)).error());
        assertEquals(export.toRealPath().resolve("new"), fs.resolve(fs.handle(n.inode())));
        // GUARDED over an existing name fails and keeps the pooled inode
        mkfile(r, "x");
        fs.remove(r, "x");
        assertEquals(1, fs.pool().size());
        assertThrows(FileAlreadyExistsException.class, () -> mkfile(r, "new"));
        assertEquals(1, fs.pool().size());
        // EXCLUSIVE: the verifier lands in the reused inode's times
        byte[] v = {0, 0, 1, 2, 0, 0, 3, 4};
        ShadowFs.Node e = fs.create(r, "excl", ShadowFs.CreateMode.EXCLUSIVE, SetAttrs.NONE, v, Cred.ROOT);
        assertEquals(0, fs.pool().size());
        assertTrue(CreateVerifier.matches(e.attrs(), v));
        assertEquals(e.inode(), fs.create(r, "excl", ShadowFs.CreateMode.EXCLUSIVE, SetAttrs.NONE, v, Cred.ROOT).inode());
    }

    @Test
    void onlyLoneRegularFilesNotInUseAreParkedAndAFullPoolUnlinks() throws Exception {
        fs.close();
        fs = new ShadowFs(export, null, false, 1, 16, 2, Clock.systemUTC());
        ShadowFs.Node r = root();
        ShadowFs.Node f = mkfile(r, "f");
        fs.link(f, r, "g");
        fs.remove(r, "f");
        assertEquals(0, fs.pool().size(), "another link still names the inode");
        fs.remove(r, "g");
        assertEquals(1, fs.pool().size());
        fs.symlink(r, "s", "g", SetAttrs.NONE, Cred.ROOT);
        fs.remove(r, "s");
        fs.mknod(r, "p", FileType.FIFO, 0, 0, SetAttrs.NONE, Cred.ROOT);
        fs.remove(r, "p");
        assertEquals(1, fs.pool().size(), "symbolic links and FIFOs are unlinked");
        ShadowFs.Node busy = mkfile(r, "busy");
        assertEquals(0, fs.pool().size(), "the pooled inode went to the new file");
        try (OpenFileCache.Open o = fs.files().acquire(busy.inode(), busy.path(), true)) {
            fs.remove(r, "busy");
            assertEquals(0, fs.pool().size(), "a READ or WRITE holds it: unlinked");
            assertFalse(Files.exists(busy.path()));
            assertTrue(o.channel().isOpen());
        }
        for (String n : List.of("a", "b", "c")) {
            mkfile(r, n + "1");
        }
        for (String n : List.of("a", "b", "c")) {
            fs.remove(r, n + "1");
        }
        assertEquals(2, fs.pool().size(), "at most the capacity");
        try (java.util.stream.Stream<Path> left = Files.list(export.resolve(StateDir.DEFAULT_NAME).resolve("recycled"))) {
            assertEquals(2, left.count());
        }
        restart();
        assertEquals(0, fs.pool().size(), "emptied at start");
        try (java.util.stream.Stream<Path> left = Files.list(export.resolve(StateDir.DEFAULT_NAME).resolve("recycled"))) {
            assertEquals(0, left.count());
        }
        fs.close();
        fs = new ShadowFs(export, null, false, 1, 16, 0, Clock.systemUTC());
        mkfile(root(), "z");
        fs.remove(root(), "z");
        assertEquals(0, fs.pool().size(), "capacity 0: off");
    }

    @Test
    void aReusedInodeGetsTheOwnerAFreshFileWouldGet() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "chown needs root");
        ShadowFs.Node r = root();
        Cred user = new Cred(1234, 5678, new int[0]);
        fs.create(r, "u", ShadowFs.CreateMode.GUARDED, SetAttrs.NONE, null, user);
        fs.remove(r, "u");
        ShadowFs.Node mine = mkfile(r, "mine"); // by root: root's owner, not the previous file's
        assertEquals(0, mine.attrs().uid());
        assertEquals(0, mine.attrs().gid());
        fs.remove(r, "mine");
        ShadowFs.Node sg = fs.mkdir(r, "sg", new SetAttrs(02775, null, 4321, null, null, null), Cred.ROOT);
        ShadowFs.Node inSg = mkfile(sg, "f");
        assertEquals(0, inSg.attrs().uid());
        assertEquals(4321, inSg.attrs().gid(), "a set-group-ID directory gives its group");
        fs.remove(sg, "f");
        ShadowFs.Node asUser = fs.create(r, "v", ShadowFs.CreateMode.GUARDED,
                new SetAttrs(02755, null, null, null, null, null), null, user);
        assertEquals(1234, asUser.attrs().uid());
        assertEquals(5678, asUser.attrs().gid());
        assertEquals(02755, asUser.attrs().mode());
    }

    @Test
    void aWriteInSeveralSlicesLandsWhereAsked() throws Exception {
        ShadowFs.Node f = mkfile(root(), "sliced");
        fs.write(f, 0, Unpooled.wrappedBuffer(new byte[] {'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a'}),
                ShadowFs.Stable.UNSTABLE);
        byte[][] slices = {"one".getBytes(StandardCharsets.UTF_8), "-two-".getBytes(StandardCharsets.UTF_8),
            new byte[100_000], "three".getBytes(StandardCharsets.UTF_8)};
        io.netty.buffer.ByteBuf data = Unpooled.wrappedBuffer(slices);
        data.skipBytes(1); // the reader index is honoured: "ne-two-..."
        try {
            assertTrue(data.nioBufferCount() > 1, "several slices");
            FileAttrs a = fs.write(fs.node(fs.handle(f.inode())), 4, data, ShadowFs.Stable.DATA_SYNC);
            assertEquals(4 + 2 + 5 + 100_000 + 5, a.size());
            fs.write(fs.node(fs.handle(f.inode())), 1, Unpooled.wrappedBuffer(new byte[] {'b'}), ShadowFs.Stable.UNSTABLE);
        } finally {
            data.release();
        }
        byte[] got = java.nio.file.Files.readAllBytes(export.resolve("sliced"));
        assertEquals("abaane-two-", new String(got, 0, 11, StandardCharsets.UTF_8));
        assertEquals("three", new String(got, got.length - 5, 5, StandardCharsets.UTF_8));
    }

    @Test
    void writeReadSparseTruncateAndCommit() throws Exception {
        ShadowFs.Node f = mkfile(root(), "data");
        byte[] payload = "hello".getBytes(StandardCharsets.UTF_8);
        FileAttrs a = fs.write(f, 1 << 20, Unpooled.wrappedBuffer(payload), ShadowFs.Stable.UNSTABLE);
        assertEquals((1 << 20) + 5, a.size());
        fs.commit(f);
        ShadowFs.ReadResult r = fs.read(fs.node(fs.handle(f.inode())), 0, 4, ByteBufAllocator.DEFAULT);
        try {
            assertEquals(4, r.data().readableBytes());
            assertEquals(0, r.data().getInt(0));
            assertFalse(r.eof());
        } finally {
            r.data().release();
        }
        r = fs.read(fs.node(fs.handle(f.inode())), 1 << 20, 100, ByteBufAllocator.DEFAULT);
        try {
            assertEquals("hello", r.data().toString(StandardCharsets.UTF_8));
            assertTrue(r.eof());
        } finally {
            r.data().release();
        }
        FileAttrs t = fs.setAttrs(f, new SetAttrs(null, null, null, 3L, null, null));
        assertEquals(3, t.size());
        t = fs.setAttrs(fs.node(fs.handle(f.inode())), new SetAttrs(null, null, null, 10_000L, null,
                SetAttrs.TimeSet.client(1_000_000, 5)));
        assertEquals(10_000, t.size());
        assertEquals(1_000_000, t.mtimeSec());
        assertEquals(5, t.mtimeNsec());
    }

    @Test
    void linksSymlinksFifoAndSocket() throws Exception {
        ShadowFs.Node r = root();
        ShadowFs.Node f = mkfile(r, "f");
        ShadowFs.Node l = fs.link(f, r, "hard");
        assertEquals(2, l.attrs().nlink());
        fs.remove(r, "f");
        assertEquals(export.toRealPath().resolve("hard"), fs.resolve(fs.handle(f.inode())));
        ShadowFs.Node s = fs.symlink(r, "s", "hard", SetAttrs.NONE, Cred.ROOT);
        assertEquals("hard", fs.readlink(s));
        ShadowFs.Node p = fs.mknod(r, "p", FileType.FIFO, 0, 0, new SetAttrs(0640, null, null, null, null, null), Cred.ROOT);
        assertEquals(FileType.FIFO, p.attrs().type());
        assertEquals(0640, p.attrs().mode());
        // times and mode of a FIFO are set without opening it (an open would block forever)
        FileAttrs pt = fs.setAttrs(p, new SetAttrs(0600, null, null, null, SetAttrs.TimeSet.client(1_000_000, 7),
                SetAttrs.TimeSet.client(2_000_000, 9)));
        assertEquals(0600, pt.mode());
        assertEquals(1_000_000, pt.atimeSec());
        assertEquals(2_000_000, pt.mtimeSec());
        assertEquals(9, pt.mtimeNsec());
        ShadowFs.Node so = fs.mknod(r, "sock", FileType.SOCKET, 0, 0, SetAttrs.NONE, Cred.ROOT);
        assertEquals(FileType.SOCKET, so.attrs().type());
        assertEquals(FsError.BAD_TYPE, assertThrows(FsException.class,
                () -> fs.mknod(r, "reg", FileType.REGULAR, 0, 0, SetAttrs.NONE, Cred.ROOT)).error());
    }

    @Test
    void listingResumesAfterAnyCookieEvenWhenTheDirectoryChanged() throws Exception {
        ShadowFs.Node r = root();
        for (int i = 0; i < 50; i++) {
            mkfile(r, "f" + i);
        }
        List<ShadowFs.DirEntry> all = fs.list(r, 0);
        assertEquals(50, all.size());
        ShadowFs.DirEntry mid = all.get(20);
        fs.remove(r, mid.name());
        List<ShadowFs.DirEntry> rest = fs.list(r, mid.cookie());
        assertEquals(all.subList(21, 50), rest);
    }

    @Test
    void stateDirectoryOutsideTheExportLeavesTheNameFree(@TempDir Path state) throws Exception {
        fs.close();
        Files.walk(export.resolve(StateDir.DEFAULT_NAME)).sorted(java.util.Comparator.reverseOrder())
                .forEach(p -> p.toFile().delete());
        fs = new ShadowFs(export, state.resolve("st"), false, 1, 16, Clock.systemUTC());
        ShadowFs.Node r = root();
        fs.mkdir(r, StateDir.DEFAULT_NAME, SetAttrs.NONE, Cred.ROOT);
        assertEquals(List.of(StateDir.DEFAULT_NAME), fs.list(r, 0).stream().map(ShadowFs.DirEntry::name).toList());
        assertTrue(Files.exists(state.resolve("st/handle.key")));
        byte[] h = fs.rootHandle();
        restart2(state.resolve("st"));
        assertEquals(fs.root(), fs.resolve(h));
    }

    private void restart2(Path state) throws Exception {
        fs.close();
        fs = new ShadowFs(export, state, false, 1, 16, Clock.systemUTC());
    }

    @Test
    void readOnlyRefusesMutation() throws Exception {
        mkfile(root(), "f");
        fs.close();
        fs = new ShadowFs(export, null, true, 1, 16, Clock.systemUTC());
        ShadowFs.Node r = root();
        assertEquals(FsError.READ_ONLY, assertThrows(FsException.class, () -> mkfile(r, "g")).error());
        assertEquals(FsError.READ_ONLY, assertThrows(FsException.class, () -> fs.remove(r, "f")).error());
        ShadowFs.Node f = fs.lookup(r, "f");
        assertEquals(FsError.READ_ONLY, assertThrows(FsException.class,
                () -> fs.write(f, 0, Unpooled.wrappedBuffer(new byte[1]), ShadowFs.Stable.FILE_SYNC)).error());
    }
}
