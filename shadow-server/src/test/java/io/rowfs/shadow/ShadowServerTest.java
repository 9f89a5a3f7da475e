package io.rowfs.shadow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.rowfs.protocol.client.RpcClient;
import io.rowfs.protocol.mount.MountClient;
import io.rowfs.protocol.nfs3.Access;
import io.rowfs.protocol.nfs3.AccessArgs;
import io.rowfs.protocol.nfs3.CommitArgs;
import io.rowfs.protocol.nfs3.CommitResult;
import io.rowfs.protocol.nfs3.CreateArgs;
import io.rowfs.protocol.nfs3.CreateHow;
import io.rowfs.protocol.nfs3.NewObjectResult;
import io.rowfs.protocol.nfs3.DirEntry;
import io.rowfs.protocol.nfs3.DirEntryPlus;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.FileType;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.FsinfoArgs;
import io.rowfs.protocol.nfs3.FsinfoResult;
import io.rowfs.protocol.nfs3.FsstatArgs;
import io.rowfs.protocol.nfs3.GetattrArgs;
import io.rowfs.protocol.nfs3.LinkArgs;
import io.rowfs.protocol.nfs3.LookupArgs;
import io.rowfs.protocol.nfs3.MknodArgs;
import io.rowfs.protocol.nfs3.Nfs3Client;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsPath;
import io.rowfs.protocol.nfs3.NfsTime3;
import io.rowfs.protocol.nfs3.PathconfArgs;
import io.rowfs.protocol.nfs3.ReadArgs;
import io.rowfs.protocol.nfs3.ReadResult;
import io.rowfs.protocol.nfs3.ReaddirArgs;
import io.rowfs.protocol.nfs3.ReaddirResult;
import io.rowfs.protocol.nfs3.ReaddirplusArgs;
import io.rowfs.protocol.nfs3.ReaddirplusResult;
import io.rowfs.protocol.nfs3.ReadlinkArgs;
import io.rowfs.protocol.nfs3.RemoveArgs;
import io.rowfs.protocol.nfs3.Sattr3;
import io.rowfs.protocol.nfs3.SetattrArgs;
import io.rowfs.protocol.nfs3.SpecData3;
import io.rowfs.protocol.nfs3.StableHow;
import io.rowfs.protocol.nfs3.SymlinkArgs;
import io.rowfs.protocol.nfs3.Verifier;
import io.rowfs.protocol.nfs3.WriteArgs;
import io.rowfs.protocol.nfs3.WriteResult;
import io.rowfs.protocol.portmap.Portmap;
import io.rowfs.protocol.portmap.PortmapClient;
import io.rowfs.protocol.rpc.AuthSys;
import io.rowfs.protocol.rpc.Credentials;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The shadow server on 127.0.0.1 through the project's NFSv3 client: procedure semantics. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShadowServerTest {
    @TempDir
    Path export;
    ShadowServer server;
    RpcClient rpc;
    Nfs3Client nfs;
    FileHandle root;
    final Credentials cred = new AuthSys(0, "t", 0, 0);

    @BeforeEach
    void start() throws Exception {
        server = ShadowServer.builder().export(export).listen(new InetSocketAddress("127.0.0.1", 0)).portmap(0)
                .build().start();
        connect();
    }

    private void connect() {
        rpc = RpcClient.builder(new InetSocketAddress("127.0.0.1", server.port())).timeout(Duration.ofSeconds(20)).build();
        nfs = new Nfs3Client(rpc);
        root = FileHandle.of(new MountClient(rpc, cred).mount(export.toString()).join().handle());
    }

    @AfterEach
    void stop() {
        rpc.close();
        server.close();
    }

    private FileHandle create(FileHandle dir, String name) {
        NewObjectResult r = nfs.create(cred, new CreateArgs(dir, Filename.of(name), CreateHow.guarded(Sattr3.EMPTY.withMode(0644)))).join();
        assertEquals(Nfs3Status.OK, r.status(), name);
        return r.object();
    }

    @Test
    void portmapperAdvertisesNfsAndMountOnTcpAndUdp() {
        try (RpcClient pm = RpcClient.builder(new InetSocketAddress("127.0.0.1", server.portmapPort())).build()) {
            PortmapClient c = new PortmapClient(pm);
            assertEquals(server.port(), c.getPort(100003, 3, Portmap.IPPROTO_TCP).join());
            assertEquals(server.port(), c.getPort(100005, 3, Portmap.IPPROTO_TCP).join());
            assertEquals(server.port(), c.getPort(100003, 3, 17).join());
            assertEquals(0, c.getPort(100227, 3, Portmap.IPPROTO_TCP).join(), "no NFSACL");
        }
    }

    @Test
    void readdirPagesResumeAfterCookiesEvenWhileTheDirectoryChanges() throws Exception {
        for (int i = 0; i < 300; i++) {
            Files.writeString(export.resolve("f" + i), "");
        }
        Set<String> seen = new HashSet<>();
        long cookie = 0;
        int pages = 0;
        boolean eof = false;
        while (!eof) {
            ReaddirResult r = nfs.readdir(cred, new ReaddirArgs(root, cookie, Verifier.ZERO, 1024)).join();
            assertEquals(Nfs3Status.OK, r.status());
            for (DirEntry e : r.entries()) {
                assertTrue(seen.add(e.name().toString()), "entry listed twice: " + e.name());
                cookie = e.cookie();
            }
            eof = r.eof();
            if (pages++ == 2) { // remove an entry already listed and one not yet listed: no error, no repeat
                Files.delete(export.resolve("f0"));
                Files.writeString(export.resolve("new-after-start"), "");
            }
        }
        assertTrue(pages > 5, "paged");
        assertTrue(seen.contains(".") && seen.contains(".."));
        assertFalse(seen.contains(".rowfs-shadow"));
        for (int i = 1; i < 300; i++) {
            assertTrue(seen.contains("f" + i), "f" + i);
        }
        ReaddirplusResult p = nfs.readdirplus(cred, new ReaddirplusArgs(root, 0, Verifier.ZERO, 4096, 65536)).join();
        assertEquals(Nfs3Status.OK, p.status());
        DirEntryPlus some = p.entries().stream().filter(e -> e.name().toString().startsWith("f")).findFirst().orElseThrow();
        assertEquals(some.fileId(), nfs.getattr(cred, new GetattrArgs(some.handle())).join().attributes().fileid());
        assertEquals(Nfs3Status.TOOSMALL, nfs.readdir(cred, new ReaddirArgs(root, 0, Verifier.ZERO, 10)).join().status());
    }

    @Test
    void writeAndCommitShareAVerifierThatChangesOnRestart() throws Exception {
        FileHandle f = create(root, "w");
        byte[] data = "0123456789".getBytes(StandardCharsets.UTF_8);
        WriteResult w = nfs.write(cred, new WriteArgs(f, 4096, data.length, StableHow.UNSTABLE, Unpooled.wrappedBuffer(data))).join();
        assertEquals(Nfs3Status.OK, w.status());
        assertEquals(data.length, w.count());
        assertEquals(0, w.wcc().before().attributes().size(), "pre-op size");
        assertEquals(4106, w.wcc().after().attributes().size(), "post-op size (sparse)");
        CommitResult c = nfs.commit(cred, new CommitArgs(f, 0, 0)).join();
        assertEquals(Nfs3Status.OK, c.status());
        assertEquals(w.verifier(), c.verifier());
        WriteResult fs = nfs.write(cred, new WriteArgs(f, 0, 1, StableHow.FILE_SYNC, Unpooled.wrappedBuffer(new byte[] {'x'}))).join();
        assertEquals(StableHow.FILE_SYNC, fs.committed());
        ReadResult r = nfs.read(cred, new ReadArgs(f, 4090, 100)).join();
        try {
            assertEquals(16, r.count());
            assertTrue(r.eof());
            assertEquals(0, r.data().getByte(0));
            assertEquals('0', r.data().getByte(6));
        } finally {
            r.release();
        }
        rpc.close();
        server.close();
        server = ShadowServer.builder().export(export).listen(new InetSocketAddress("127.0.0.1", 0)).build().start();
        connect();
        WriteResult w2 = nfs.write(cred, new WriteArgs(f, 0, 1, StableHow.UNSTABLE, Unpooled.wrappedBuffer(new byte[] {'y'}))).join();
        assertEquals(Nfs3Status.OK, w2.status(), "old handle after restart");
        assertNotEquals(w.verifier(), w2.verifier(), "new verifier after restart");
    }

    private byte[] read(FileHandle f, long offset, int count) {
        ReadResult r = nfs.read(cred, new ReadArgs(f, offset, count)).join();
        try {
            assertEquals(Nfs3Status.OK, r.status());
            byte[] b = new byte[r.data().readableBytes()];
            r.data().getBytes(r.data().readerIndex(), b);
            return b;
        } finally {
            r.release();
        }
    }

    @Test
    void sequentialReadsThroughReadAheadSeeWritesAndOutOfBandChanges() throws Exception {
        byte[] content = new byte[(4 << 20) + 123];
        new java.util.Random(5).nextBytes(content);
        Files.write(export.resolve("seq"), content);
        FileHandle f = nfs.lookup(cred, new LookupArgs(root, Filename.of("seq"))).join().object();
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        for (long off = 0; off < content.length; off += 1 << 20) {
            got.write(read(f, off, 1 << 20));
            Thread.sleep(20); // let the read-ahead land
        }
        assertTrue(java.util.Arrays.equals(content, got.toByteArray()), "sequential content");
        // read-ahead of [1 MiB, 2 MiB) is pending after this read; a WRITE must not be hidden by it
        read(f, 0, 1 << 20);
        Thread.sleep(50);
        byte[] patch = "PATCHED".getBytes(StandardCharsets.UTF_8);
        assertEquals(Nfs3Status.OK, nfs.write(cred, new WriteArgs(f, 1 << 20, patch.length, StableHow.UNSTABLE,
                Unpooled.wrappedBuffer(patch))).join().status());
        assertEquals("PATCHED", new String(read(f, 1 << 20, 7), StandardCharsets.UTF_8));
        // a smaller READ at the chunk's offset gets just its bytes
        read(f, 0, 1 << 20);
        Thread.sleep(50);
        assertEquals(100, read(f, 1 << 20, 100).length);
        // a change behind the server's back is seen once the chunk expires (500 ms)
        read(f, 0, 1 << 20);
        Thread.sleep(50);
        try (var ch = java.nio.channels.FileChannel.open(export.resolve("seq"), java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap("OUTSIDE".getBytes(StandardCharsets.UTF_8)), 1 << 20);
        }
        Thread.sleep(700);
        assertEquals("OUTSIDE", new String(read(f, 1 << 20, 7), StandardCharsets.UTF_8));
        // removing the file drops read-ahead: the handle is stale, not served from memory
        read(f, 0, 1 << 20);
        Thread.sleep(50);
        assertEquals(Nfs3Status.OK, nfs.remove(cred, new RemoveArgs(root, Filename.of("seq"))).join().status());
        ReadResult gone = nfs.read(cred, new ReadArgs(f, 1 << 20, 1 << 20)).join();
        gone.release();
        assertEquals(Nfs3Status.STALE, gone.status());
    }

    @Test
    void setattrGuardAccessLinksSymlinksFifoAndFsInfo() throws Exception {
        FileHandle f = create(root, "a");
        var attrs = nfs.getattr(cred, new GetattrArgs(f)).join().attributes();
        assertEquals(Nfs3Status.NOT_SYNC, nfs.setattr(cred, new SetattrArgs(f, Sattr3.EMPTY.withMode(0600),
                new NfsTime3(1, 2))).join().status());
        var ok = nfs.setattr(cred, new SetattrArgs(f, Sattr3.EMPTY.withMode(0600).withSize(100), attrs.ctime())).join();
        assertEquals(Nfs3Status.OK, ok.status());
        assertEquals(0600, ok.wcc().after().attributes().mode());
        assertEquals(100, Files.size(export.resolve("a")));
        var acc = nfs.access(new AuthSys(0, "t", 1000, 1000), new AccessArgs(f, Access.ALL)).join();
        assertEquals(0, acc.access() & (Access.READ | Access.MODIFY), "mode 0600 owned by root: nothing for uid 1000");
        assertEquals(Access.READ | Access.MODIFY | Access.EXTEND,
                nfs.access(cred, new AccessArgs(f, Access.READ | Access.MODIFY | Access.EXTEND)).join().access());

        assertEquals(Nfs3Status.OK, nfs.link(cred, new LinkArgs(f, root, Filename.of("hard"))).join().status());
        assertEquals(2, nfs.getattr(cred, new GetattrArgs(f)).join().attributes().nlink());
        var sl = nfs.symlink(cred, new SymlinkArgs(root, Filename.of("s"), Sattr3.EMPTY, NfsPath.of("a"))).join();
        assertEquals(Nfs3Status.OK, sl.status());
        assertEquals("a", nfs.readlink(cred, new ReadlinkArgs(sl.object())).join().data().toString());
        assertEquals(Nfs3Status.INVAL, nfs.readlink(cred, new ReadlinkArgs(f)).join().status());
        var fifo = nfs.mknod(cred, new MknodArgs(root, Filename.of("p"), FileType.FIFO, Sattr3.EMPTY.withMode(0640), null)).join();
        assertEquals(Nfs3Status.OK, fifo.status());
        assertEquals(FileType.FIFO, fifo.objAttributes().attributes().type());
        var chr = nfs.mknod(cred, new MknodArgs(root, Filename.of("null"), FileType.CHR, Sattr3.EMPTY.withMode(0666),
                new SpecData3(1, 3))).join();
        if ("root".equals(System.getProperty("user.name"))) {
            assertEquals(Nfs3Status.OK, chr.status());
            assertEquals(new SpecData3(1, 3), chr.objAttributes().attributes().rdev());
        }
        FsinfoResult fi = nfs.fsinfo(cred, new FsinfoArgs(root)).join();
        assertEquals(1 << 20, fi.rtmax());
        assertEquals(Nfs3Status.OK, nfs.fsstat(cred, new FsstatArgs(root)).join().status());
        assertEquals(255, nfs.pathconf(cred, new PathconfArgs(root)).join().nameMax());
        long fsid = nfs.getattr(cred, new GetattrArgs(root)).join().attributes().fsid();
        assertEquals(fsid, nfs.getattr(cred, new GetattrArgs(f)).join().attributes().fsid(), "one fsid");
        assertEquals(Nfs3Status.OK, nfs.remove(cred, new RemoveArgs(root, Filename.of("a"))).join().status());
        assertEquals(Nfs3Status.OK, nfs.getattr(cred, new GetattrArgs(f)).join().status(), "still linked as 'hard'");
        assertEquals(Nfs3Status.NOENT, nfs.lookup(cred, new LookupArgs(root, Filename.of("a"))).join().status());
    }
}
