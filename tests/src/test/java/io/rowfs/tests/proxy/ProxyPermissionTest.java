package io.rowfs.tests.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.Unpooled;
import io.rowfs.protocol.nfs3.Access;
import io.rowfs.protocol.nfs3.AccessArgs;
import io.rowfs.protocol.nfs3.AccessResult;
import io.rowfs.protocol.nfs3.CreateArgs;
import io.rowfs.protocol.nfs3.CreateHow;
import io.rowfs.protocol.nfs3.NewObjectResult;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.RemoveArgs;
import io.rowfs.protocol.nfs3.Sattr3;
import io.rowfs.protocol.nfs3.SetTime;
import io.rowfs.protocol.nfs3.SetattrArgs;
import io.rowfs.protocol.nfs3.StableHow;
import io.rowfs.protocol.nfs3.WriteArgs;
import io.rowfs.protocol.nfs3.WriteResult;
import io.rowfs.protocol.portmap.Portmap;
import io.rowfs.protocol.portmap.PortmapClient;
import io.rowfs.protocol.client.RpcClient;
import io.rowfs.protocol.rpc.AuthSys;
import io.rowfs.protocol.rpc.Credentials;
import io.rowfs.proxy.server.ProxyServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The proxy acts as root on the shadow, so it checks permissions itself: ACCESS answers from the
 * virtual attributes (write allowed on a read-only main where the mode allows it), and changes the
 * caller may not make are refused with ACCES/PERM. Also: the embedded portmapper advertises the
 * proxy. Main here is the project's shadow server in read-only mode.
 */
@Tag("peer")
class ProxyPermissionTest extends ProxyPeerTestBase {
    private static final Credentials USER = new AuthSys(0, "rowfs-test", 1000, 1000);

    @Test
    void callerPermissionsAreEnforcedFromVirtualAttributes() throws Exception {
        Files.writeString(mainDir.resolve("root-owned.txt"), "root\n");
        Files.createDirectories(mainDir.resolve("open"));
        Files.setPosixFilePermissions(mainDir.resolve("open"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        try (ProxyStack stack = rig().mainOnShadowServer().start()) {
            ProxyClient c = stack.client;
            FileHandle rootOwned = c.lookup(c.root, "root-owned.txt");
            FileHandle open = c.lookup(c.root, "open");

            AccessResult asRoot = c.get(c.nfs.access(ProxyRig.ROOT, new AccessArgs(rootOwned, Access.ALL)));
            assertEquals(Access.READ | Access.MODIFY | Access.EXTEND, asRoot.access(), "writable though main is read-only");
            AccessResult asUser = c.get(c.nfs.access(USER, new AccessArgs(rootOwned, Access.READ | Access.MODIFY)));
            assertEquals(Access.READ, asUser.access());

            assertEquals(Nfs3Status.ACCES, write(c, USER, rootOwned).status());
            assertEquals(Nfs3Status.ACCES, create(c, USER, c.root, "nope").status());
            assertEquals(Nfs3Status.ACCES, c.get(c.nfs.remove(USER, new RemoveArgs(c.root, Filename.of("root-owned.txt")))).status());
            assertEquals(Nfs3Status.PERM, c.get(c.nfs.setattr(USER, new SetattrArgs(rootOwned,
                    new Sattr3(0777, null, null, null, SetTime.DONT_CHANGE, SetTime.DONT_CHANGE), null))).status());

            NewObjectResult mine = create(c, USER, open, "mine");
            assertEquals(Nfs3Status.OK, mine.status());
            assertEquals(1000, c.getattr(mine.object()).uid(), "new objects belong to the caller");
            assertEquals(Nfs3Status.OK, write(c, USER, mine.object()).status());
            assertEquals(Nfs3Status.OK, c.get(c.nfs.setattr(USER, new SetattrArgs(mine.object(),
                    new Sattr3(0400, null, null, null, SetTime.DONT_CHANGE, SetTime.DONT_CHANGE), null))).status());
            assertEquals(Nfs3Status.OK, write(c, USER, mine.object()).status(), "the owner still writes a 0400 file");
            assertEquals(Nfs3Status.OK, write(c, ProxyRig.ROOT, rootOwned).status());
            assertEquals("root\n".length(), c.getattr(rootOwned).size());
        }
    }

    @Test
    void embeddedPortmapperAdvertisesTheProxy() throws Exception {
        int pmPort = ProxyRig.freePort();
        try (ProxyStack stack = rig().mainOnShadowServer().proxyOptions(p -> p.portmap(pmPort)).start();
             RpcClient rpc = RpcClient.builder(new InetSocketAddress("127.0.0.1", pmPort)).build()) {
            ProxyServer proxy = stack.proxy;
            PortmapClient pm = new PortmapClient(rpc);
            assertEquals(proxy.port(), pm.getPort(100003, 3, Portmap.IPPROTO_TCP).get(10, TimeUnit.SECONDS));
            assertEquals(proxy.port(), pm.getPort(100005, 3, Portmap.IPPROTO_TCP).get(10, TimeUnit.SECONDS));
            assertEquals(0, pm.getPort(100227, 3, Portmap.IPPROTO_TCP).get(10, TimeUnit.SECONDS), "no NFSACL");
        }
    }

    private static WriteResult write(ProxyClient c, Credentials who, FileHandle fh) throws Exception {
        byte[] data = "x".getBytes();
        var buf = Unpooled.wrappedBuffer(data);
        try {
            return c.get(c.nfs.write(who, new WriteArgs(fh, 0, 1, StableHow.FILE_SYNC, buf)));
        } finally {
            buf.release();
        }
    }

    private static NewObjectResult create(ProxyClient c, Credentials who, FileHandle dir, String name) throws Exception {
        return c.get(c.nfs.create(who, new CreateArgs(dir, Filename.of(name), CreateHow.guarded(
                new Sattr3(0644, null, null, null, SetTime.DONT_CHANGE, SetTime.DONT_CHANGE)))));
    }
}
