package io.rowfs.shadow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.Unpooled;
import io.rowfs.protocol.client.RpcClient;
import io.rowfs.protocol.mount.MountClient;
import io.rowfs.protocol.nfs3.AccessArgs;
import io.rowfs.protocol.nfs3.CreateArgs;
import io.rowfs.protocol.nfs3.CreateHow;
import io.rowfs.protocol.nfs3.NewObjectResult;
import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.GetattrArgs;
import io.rowfs.protocol.nfs3.GetattrResult;
import io.rowfs.protocol.nfs3.LinkArgs;
import io.rowfs.protocol.nfs3.LookupArgs;
import io.rowfs.protocol.nfs3.LookupResult;
import io.rowfs.protocol.nfs3.MkdirArgs;
import io.rowfs.protocol.nfs3.Nfs3Client;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.RemoveArgs;
import io.rowfs.protocol.nfs3.RenameArgs;
import io.rowfs.protocol.nfs3.RmdirArgs;
import io.rowfs.protocol.nfs3.Sattr3;
import io.rowfs.protocol.nfs3.SetattrArgs;
import io.rowfs.protocol.nfs3.StableHow;
import io.rowfs.protocol.nfs3.WriteArgs;
import io.rowfs.protocol.rpc.AuthSys;
import io.rowfs.protocol.rpc.Credentials;
import io.rowfs.testsupport.ManualClock;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attribute cache through the server: a change made behind the server's back stays unseen
 * until the TTL (which shows the cache answers), while every change made through the server
 * (SETATTR, WRITE, RENAME, REMOVE, CREATE, LINK, RMDIR) is seen by the very next GETATTR or LOOKUP.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AttrCacheCoherenceTest {
    static final Duration TTL = Duration.ofSeconds(30);

    @TempDir
    Path export;
    final ManualClock clock = new ManualClock(1_700_000_000_000L);
    final Credentials cred = new AuthSys(0, "t", 0, 0);
    ShadowServer server;
    RpcClient rpc;
    Nfs3Client nfs;
    FileHandle root;

    @BeforeEach
    void start() {
        try {
            server = ShadowServer.builder().export(export).listen(new InetSocketAddress("127.0.0.1", 0))
                    .clock(clock).attrCacheTtl(TTL).build().start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        rpc = RpcClient.builder(new InetSocketAddress("127.0.0.1", server.port())).timeout(Duration.ofSeconds(20)).build();
        nfs = new Nfs3Client(rpc);
        root = FileHandle.of(new MountClient(rpc, cred).mount(export.toString()).join().handle());
    }

    @AfterEach
    void stop() {
        rpc.close();
        server.close();
    }

    private FileHandle create(String name) {
        NewObjectResult r = nfs.create(cred, new CreateArgs(root, Filename.of(name),
                CreateHow.unchecked(Sattr3.EMPTY.withMode(0644)))).join();
        assertEquals(Nfs3Status.OK, r.status(), name);
        return r.object();
    }

    private Fattr3 getattr(FileHandle h) {
        GetattrResult r = nfs.getattr(cred, new GetattrArgs(h)).join();
        assertEquals(Nfs3Status.OK, r.status());
        return r.attributes();
    }

    private LookupResult lookup(String name) {
        return nfs.lookup(cred, new LookupArgs(root, Filename.of(name))).join();
    }

    @Test
    void outOfBandChangesShowOnlyAfterTheTtl() throws Exception {
        FileHandle f = create("f");
        assertEquals(0, getattr(f).size());
        Files.write(export.resolve("f"), new byte[100]); // behind the server's back
        assertEquals(0, getattr(f).size(), "answered from the cache");
        assertEquals(0, lookup("f").objAttributes().attributes().size(), "LOOKUP too");
        clock.advanceMillis(TTL.toMillis() + 1);
        assertEquals(100, getattr(f).size(), "re-read after the TTL");
        assertEquals(100, lookup("f").objAttributes().attributes().size());
    }

    @Test
    void setattrAndWriteThroughTheServerAreSeenAtOnce() throws Exception {
        FileHandle f = create("f");
        assertEquals(0, getattr(f).size());
        assertEquals(Nfs3Status.OK, nfs.setattr(cred, new SetattrArgs(f, Sattr3.EMPTY.withSize(50).withMode(0600),
                null)).join().status());
        Fattr3 a = getattr(f);
        assertEquals(50, a.size());
        assertEquals(0600, a.mode());
        assertEquals(50, lookup("f").objAttributes().attributes().size());
        assertEquals(0, nfs.access(cred, new AccessArgs(f, 0x20)).join().access(), "no execute bit: ACCESS agrees");
        byte[] data = new byte[10];
        assertEquals(Nfs3Status.OK, nfs.write(cred, WriteArgs.of(f, 100, StableHow.UNSTABLE,
                Unpooled.wrappedBuffer(data))).join().status());
        assertEquals(110, getattr(f).size());
        assertEquals(110, lookup("f").objAttributes().attributes().size());
        Files.write(export.resolve("f"), new byte[1]); // behind the back: proves the next answer is cached
        assertEquals(110, getattr(f).size());
    }

    @Test
    void renameRemoveAndCreateOverOldNamesAreSeenAtOnce() throws Exception {
        FileHandle a = create("a");
        long id = getattr(a).fileid();
        assertEquals(id, lookup("a").objAttributes().attributes().fileid());
        assertEquals(Nfs3Status.OK, nfs.rename(cred, new RenameArgs(root, Filename.of("a"), root,
                Filename.of("b"))).join().status());
        assertEquals(Nfs3Status.NOENT, lookup("a").status());
        assertEquals(id, lookup("b").objAttributes().attributes().fileid());
        assertEquals(Nfs3Status.OK, nfs.remove(cred, new RemoveArgs(root, Filename.of("b"))).join().status());
        assertEquals(Nfs3Status.NOENT, lookup("b").status());
        assertEquals(Nfs3Status.STALE, nfs.getattr(cred, new GetattrArgs(a)).join().status(), "removed: STALE");

        FileHandle c = create("c");
        assertEquals(getattr(c).fileid(), lookup("c").objAttributes().attributes().fileid());
        assertEquals(Nfs3Status.OK, nfs.remove(cred, new RemoveArgs(root, Filename.of("c"))).join().status());
        FileHandle c2 = nfs.create(cred, new CreateArgs(root, Filename.of("c"),
                CreateHow.unchecked(Sattr3.EMPTY.withSize(7)))).join().object();
        LookupResult again = lookup("c");
        assertEquals(Nfs3Status.OK, again.status());
        assertEquals(7, again.objAttributes().attributes().size(), "LOOKUP names the object the new CREATE made");
        assertEquals(c2, again.object());
        assertEquals(Nfs3Status.STALE, nfs.getattr(cred, new GetattrArgs(c)).join().status(), "old handle: STALE");
    }

    @Test
    void linkAndRmdirUpdateLinkCountsAndNames() throws Exception {
        FileHandle f = create("f");
        assertEquals(1, getattr(f).nlink());
        assertEquals(Nfs3Status.OK, nfs.link(cred, new LinkArgs(f, root, Filename.of("g"))).join().status());
        assertEquals(2, getattr(f).nlink());
        assertEquals(Nfs3Status.OK, nfs.remove(cred, new RemoveArgs(root, Filename.of("g"))).join().status());
        assertEquals(1, getattr(f).nlink(), "the removed link's object is re-read");
        assertEquals(Nfs3Status.OK, nfs.mkdir(cred, new MkdirArgs(root, Filename.of("d"), Sattr3.EMPTY)).join().status());
        long rootLinks = getattr(root).nlink();
        assertEquals(Nfs3Status.OK, lookup("d").status());
        assertEquals(Nfs3Status.OK, nfs.rmdir(cred, new RmdirArgs(root, Filename.of("d"))).join().status());
        assertEquals(Nfs3Status.NOENT, lookup("d").status());
        assertEquals(rootLinks - 1, getattr(root).nlink(), "the parent's attributes are re-read");
    }
}
