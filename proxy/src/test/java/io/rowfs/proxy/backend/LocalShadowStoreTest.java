package io.rowfs.proxy.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.rowfs.protocol.nfs3.CommitArgs;
import io.rowfs.protocol.nfs3.CreateArgs;
import io.rowfs.protocol.nfs3.CreateHow;
import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.FileType;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.FsinfoArgs;
import io.rowfs.protocol.nfs3.FsinfoResult;
import io.rowfs.protocol.nfs3.FsstatArgs;
import io.rowfs.protocol.nfs3.FsstatResult;
import io.rowfs.protocol.nfs3.GetattrArgs;
import io.rowfs.protocol.nfs3.LinkArgs;
import io.rowfs.protocol.nfs3.LinkResult;
import io.rowfs.protocol.nfs3.LookupArgs;
import io.rowfs.protocol.nfs3.LookupResult;
import io.rowfs.protocol.nfs3.MkdirArgs;
import io.rowfs.protocol.nfs3.MknodArgs;
import io.rowfs.protocol.nfs3.NewObjectResult;
import io.rowfs.protocol.nfs3.Nfs3CallListener;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsPath;
import io.rowfs.protocol.nfs3.PostOpAttr;
import io.rowfs.protocol.nfs3.ReadArgs;
import io.rowfs.protocol.nfs3.ReadResult;
import io.rowfs.protocol.nfs3.ReadlinkArgs;
import io.rowfs.protocol.nfs3.RemoveArgs;
import io.rowfs.protocol.nfs3.RenameArgs;
import io.rowfs.protocol.nfs3.RenameResult;
import io.rowfs.protocol.nfs3.RmdirArgs;
import io.rowfs.protocol.nfs3.Sattr3;
import io.rowfs.protocol.nfs3.SetTime;
import io.rowfs.protocol.nfs3.SetattrArgs;
import io.rowfs.protocol.nfs3.SetattrResult;
import io.rowfs.protocol.nfs3.SpecData3;
import io.rowfs.protocol.nfs3.StableHow;
import io.rowfs.protocol.nfs3.SymlinkArgs;
import io.rowfs.protocol.nfs3.Verifier;
import io.rowfs.protocol.nfs3.WccData;
import io.rowfs.protocol.nfs3.WriteArgs;
import io.rowfs.protocol.nfs3.WriteResult;
import io.rowfs.protocol.rpc.AuthSys;
import io.rowfs.proxy.store.ShadowStore;
import io.rowfs.shadow.ShadowServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process shadow store: a round trip of every procedure against a directory, the failure
 * statuses (with their attributes), and the same script answered alike by the shadow server over
 * NFS on loopback (statuses, handle sizes, attributes present, sizes, link counts, verifiers).
 */
class LocalShadowStoreTest {
    private static final byte[] DATA = "hello shadow\n".getBytes(StandardCharsets.UTF_8);
    private static final Sattr3 MODE_644 = new Sattr3(0644, 0, 0, null, SetTime.DONT_CHANGE, SetTime.DONT_CHANGE);

    @TempDir
    Path dir;
    @TempDir
    Path state;
    @TempDir
    Path nfsDir;
    @TempDir
    Path nfsState;

    @Test
    void aFileGivenAsTheShadowDirectoryIsRefusedByName() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        IOException e = assertThrows(IOException.class,
                () -> LocalShadowStore.open(file, state, Nfs3CallListener.NONE));
        assertTrue(e.getMessage().contains(file + " is not a directory"), e.getMessage());
    }

    @Test
    void everyProcedureRoundTripsAndFailuresCarryTheirStatus() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (LocalShadowStore s = LocalShadowStore.open(dir, state, p -> calls.incrementAndGet())) {
            List<String> seen = script(s);
            assertTrue(seen.size() > 30, "the script ran: " + seen);
            assertTrue(calls.get() >= 30, "every call is counted like an NFS client's: " + calls.get());
            assertArrayEquals(Arrays.copyOf(DATA, 4), Files.readAllBytes(dir.resolve("d2/renamed")), "written, then truncated to 4");
            assertTrue(Files.isSymbolicLink(dir.resolve("d2/sym")));
            assertTrue(Files.notExists(dir.resolve("d2/link")), "removed");
            assertTrue(Files.exists(state.resolve("handle.key")), "the shadow's state is in its own directory");
            assertTrue(Files.notExists(dir.resolve(".rowfs-shadow")), "not in the shadow directory");
        }
    }

    @Test
    void handlesSurviveReopeningAndOtherStatesRefuseThem() throws Exception {
        FileHandle f;
        try (LocalShadowStore s = LocalShadowStore.open(dir, state, Nfs3CallListener.NONE)) {
            f = s.create(new CreateArgs(s.root(), Filename.of("f"), CreateHow.guarded(MODE_644))).object();
        }
        try (LocalShadowStore s = LocalShadowStore.open(dir, state, Nfs3CallListener.NONE)) {
            assertEquals(Nfs3Status.OK, s.getattr(new GetattrArgs(f)).status(), "same state, same handle");
        }
        try (LocalShadowStore other = LocalShadowStore.open(dir, nfsState, Nfs3CallListener.NONE)) {
            assertEquals(Nfs3Status.BADHANDLE, other.getattr(new GetattrArgs(f)).status(), "another key");
        }
    }

    @Test
    void answersAsTheShadowServerDoesOverNfs() throws Exception {
        List<String> local;
        try (LocalShadowStore s = LocalShadowStore.open(dir, state, Nfs3CallListener.NONE)) {
            local = script(s);
        }
        List<String> remote;
        try (ShadowServer server = ShadowServer.builder().export(nfsDir).stateDir(nfsState)
                .listen(new InetSocketAddress("127.0.0.1", 0)).build().start();
             BackendConnection c = BackendConnection.mount(new BackendSpec("127.0.0.1", server.port(), server.port(),
                     server.fs().root().toString()), new AuthSys(0, "test", 0, 0), Duration.ofSeconds(10))) {
            remote = script(new NfsShadowStore(c));
        }
        assertEquals(remote, local);
    }

    /**
     * Every procedure of the store, successes and failures; returns what an NFS client can compare
     * between two servers (no times, file ids or fsids), checking the values it knows on the way.
     */
    private static List<String> script(ShadowStore s) {
        List<String> out = new ArrayList<>();
        FileHandle root = s.root();
        assertEquals(32, root.length());
        out.add("getattr root " + shape(s.getattr(new GetattrArgs(root)).attributes()));

        NewObjectResult d = s.mkdir(new MkdirArgs(root, Filename.of("d"), MODE_644));
        out.add("mkdir " + d.status() + " " + d.object().length() + " " + shape(d.objAttributes()) + " " + wcc(d.dirWcc()));
        NewObjectResult f = s.create(new CreateArgs(d.object(), Filename.of("f"), CreateHow.guarded(MODE_644)));
        out.add("create " + f.status() + " " + shape(f.objAttributes()) + " " + wcc(f.dirWcc()));
        NewObjectResult again = s.create(new CreateArgs(d.object(), Filename.of("f"), CreateHow.guarded(MODE_644)));
        out.add("create guarded again " + again.status() + " " + wcc(again.dirWcc()));
        assertEquals(Nfs3Status.EXIST, again.status());
        NewObjectResult excl = s.create(new CreateArgs(d.object(), Filename.of("x"), CreateHow.exclusive(new Verifier(7))));
        NewObjectResult exclAgain = s.create(new CreateArgs(d.object(), Filename.of("x"), CreateHow.exclusive(new Verifier(7))));
        out.add("create exclusive " + excl.status() + " retransmitted " + exclAgain.status()
                + " same handle " + excl.object().equals(exclAgain.object()));

        WriteResult w = s.write(WriteArgs.of(f.object(), 0, StableHow.UNSTABLE, Unpooled.wrappedBuffer(DATA)));
        out.add("write " + w.status() + " " + w.count() + " " + w.committed() + " " + wcc(w.wcc()));
        assertEquals(DATA.length, w.count());
        WriteResult stable = s.write(WriteArgs.of(f.object(), 0, StableHow.FILE_SYNC, Unpooled.wrappedBuffer(DATA)));
        out.add("write stable " + stable.committed() + " same verifier " + stable.verifier().equals(w.verifier()));
        var commit = s.commit(new CommitArgs(f.object(), 0, 0));
        out.add("commit " + commit.status() + " same verifier " + commit.verifier().equals(w.verifier()) + " " + wcc(commit.wcc()));
        assertEquals(w.verifier(), commit.verifier());

        ReadResult r = s.read(new ReadArgs(f.object(), 0, 100));
        try {
            out.add("read " + r.status() + " " + r.eof() + " " + shape(r.attributes()));
            assertArrayEquals(DATA, ByteBufUtil.getBytes(r.data()));
        } finally {
            r.release();
        }
        ReadResult ofDir = s.read(new ReadArgs(d.object(), 0, 10));
        ofDir.release();
        out.add("read of a directory " + ofDir.status());
        assertEquals(Nfs3Status.ISDIR, ofDir.status());

        SetattrResult sa = s.setattr(new SetattrArgs(f.object(), new Sattr3(0600, null, null, 4L, SetTime.DONT_CHANGE,
                SetTime.DONT_CHANGE), null));
        out.add("setattr " + sa.status() + " " + wcc(sa.wcc()));
        assertEquals(4, sa.wcc().after().attributes().size());
        SetattrResult guarded = s.setattr(new SetattrArgs(f.object(), MODE_644, new io.rowfs.protocol.nfs3.NfsTime3(1, 2)));
        out.add("setattr guard " + guarded.status() + " " + wcc(guarded.wcc()));
        assertEquals(Nfs3Status.NOT_SYNC, guarded.status());

        LookupResult l = s.lookup(new LookupArgs(d.object(), Filename.of("f")));
        out.add("lookup " + l.status() + " " + l.object().equals(f.object()) + " " + shape(l.objAttributes()) + " " + shape(l.dirAttributes()));
        LookupResult missing = s.lookup(new LookupArgs(d.object(), Filename.of("nope")));
        out.add("lookup missing " + missing.status() + " " + shape(missing.dirAttributes()));
        assertEquals(Nfs3Status.NOENT, missing.status());
        LookupResult inFile = s.lookup(new LookupArgs(f.object(), Filename.of("x")));
        out.add("lookup in a file " + inFile.status());
        assertEquals(Nfs3Status.NOTDIR, inFile.status());

        NewObjectResult sym = s.symlink(new SymlinkArgs(d.object(), Filename.of("sym"), Sattr3.EMPTY, NfsPath.of("f")));
        out.add("symlink " + sym.status() + " " + shape(sym.objAttributes()));
        var rl = s.readlink(new ReadlinkArgs(sym.object()));
        out.add("readlink " + rl.status() + " " + rl.data());
        out.add("readlink of a file " + s.readlink(new ReadlinkArgs(f.object())).status());
        NewObjectResult fifo = s.mknod(new MknodArgs(d.object(), Filename.of("fifo"), FileType.FIFO, MODE_644, null));
        out.add("mknod " + fifo.status() + " " + shape(fifo.objAttributes()));

        LinkResult link = s.link(new LinkArgs(f.object(), d.object(), Filename.of("link")));
        out.add("link " + link.status() + " " + shape(link.attributes()) + " " + wcc(link.linkDirWcc()));
        assertEquals(2, link.attributes().attributes().nlink());
        out.add("link again " + s.link(new LinkArgs(f.object(), d.object(), Filename.of("link"))).status());
        var rm = s.remove(new RemoveArgs(d.object(), Filename.of("link")));
        out.add("remove " + rm.status() + " " + wcc(rm.wcc()));
        out.add("remove missing " + s.remove(new RemoveArgs(d.object(), Filename.of("link"))).status());

        NewObjectResult d2 = s.mkdir(new MkdirArgs(root, Filename.of("d2"), MODE_644));
        RenameResult mv = s.rename(new RenameArgs(d.object(), Filename.of("f"), d2.object(), Filename.of("renamed")));
        out.add("rename " + mv.status() + " " + wcc(mv.fromDirWcc()) + " " + wcc(mv.toDirWcc()));
        out.add("handle after rename " + s.getattr(new GetattrArgs(f.object())).status());
        s.rename(new RenameArgs(d.object(), Filename.of("sym"), d2.object(), Filename.of("sym")));
        RenameResult mvMissing = s.rename(new RenameArgs(d.object(), Filename.of("f"), d2.object(), Filename.of("g")));
        out.add("rename missing " + mvMissing.status() + " " + wcc(mvMissing.fromDirWcc()) + " " + wcc(mvMissing.toDirWcc()));
        out.add("rmdir not empty " + s.rmdir(new RmdirArgs(root, Filename.of("d2"))).status());
        s.remove(new RemoveArgs(d.object(), Filename.of("fifo")));
        s.remove(new RemoveArgs(d.object(), Filename.of("x")));
        FileHandle gone = d.object();
        var rmdir = s.rmdir(new RmdirArgs(root, Filename.of("d")));
        out.add("rmdir " + rmdir.status() + " " + wcc(rmdir.wcc()));
        out.add("handle of a removed directory " + s.getattr(new GetattrArgs(gone)).status());
        byte[] forged = root.bytes().clone();
        forged[31] ^= 1;
        out.add("forged handle " + s.getattr(new GetattrArgs(FileHandle.of(forged))).status());
        out.add("short handle " + s.getattr(new GetattrArgs(FileHandle.of(Arrays.copyOf(forged, 8)))).status());

        FsstatResult st = s.fsstat(new FsstatArgs(root));
        out.add("fsstat " + st.status() + " " + shape(st.attributes()) + " " + (st.totalBytes() > 0) + " " + (st.totalFiles() > 0));
        FsinfoResult fi = s.fsinfo(new FsinfoArgs(root));
        out.add("fsinfo " + fi.status() + " " + fi.rtmax() + " " + fi.wtmax() + " " + fi.properties() + " " + fi.maxFileSize());
        assertNotNull(fi.timeDelta());
        return out;
    }

    /** What two servers agree on in a set of attributes: type, mode, links, owner, size. */
    private static String shape(PostOpAttr a) {
        return a.attributes() == null ? "-" : shape(a.attributes());
    }

    private static String shape(Fattr3 a) {
        boolean dir = a.type() == FileType.DIR;
        // a directory's size and links depend on its entries' layout, the same on both
        return a.type() + "/" + Integer.toOctalString(a.mode()) + "/" + a.nlink() + "/" + a.uid() + ":" + a.gid()
                + "/" + (dir ? "d" : a.size());
    }

    private static String wcc(WccData w) {
        return "wcc(" + (w.before().attributes() != null ? "pre" : "-") + "," + shape(w.after()) + ")";
    }
}
