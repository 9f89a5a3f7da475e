package io.rowfs.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.rowfs.protocol.client.RpcClient;
import io.rowfs.protocol.mount.MountClient;
import io.rowfs.protocol.mount.MountResult;
import io.rowfs.protocol.nfs3.CreateArgs;
import io.rowfs.protocol.nfs3.CreateHow;
import io.rowfs.protocol.nfs3.NewObjectResult;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.LookupArgs;
import io.rowfs.protocol.nfs3.LookupResult;
import io.rowfs.protocol.nfs3.Nfs3Client;
import io.rowfs.protocol.nfs3.ReadArgs;
import io.rowfs.protocol.nfs3.ReadResult;
import io.rowfs.protocol.nfs3.Sattr3;
import io.rowfs.protocol.nfs3.StableHow;
import io.rowfs.protocol.nfs3.WriteArgs;
import io.rowfs.protocol.nfs3.WriteResult;
import io.rowfs.protocol.rpc.AuthSys;
import io.rowfs.protocol.rpc.Credentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job's embedded default: a client reads the sample image and writes through the proxy. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void readsTheSampleImageAndRedirectsWritesToTheShadow() throws Exception {
        DemoCommand demo = new DemoCommand();
        demo.dir = dir;
        demo.listen = "127.0.0.1:0";
        demo.metrics = "off";
        Credentials me = new AuthSys(0, "demo-test", 0, 0);
        try (DemoCommand.Stack stack = demo.start();
             RpcClient rpc = RpcClient.builder(stack.proxy().address()).build()) {
            assertTrue(stack.proxy().port() > 0);
            MountResult mnt = new MountClient(rpc, me).mount("/").get(30, TimeUnit.SECONDS);
            assertTrue(mnt.isOk(), "mount /: " + mnt.status());
            Nfs3Client nfs = new Nfs3Client(rpc);
            FileHandle etc = lookup(nfs, me, FileHandle.of(mnt.handle()), "etc");
            FileHandle motd = lookup(nfs, me, etc, "motd");
            ReadResult read = nfs.read(me, new ReadArgs(motd, 0, 4096)).get(30, TimeUnit.SECONDS);
            try {
                assertEquals(Files.readString(dir.resolve("image/etc/motd")),
                        read.data().toString(StandardCharsets.UTF_8));
            } finally {
                read.release();
            }

            NewObjectResult created = nfs.create(me, new CreateArgs(etc, Filename.of("new.txt"),
                    CreateHow.guarded(Sattr3.EMPTY))).get(30, TimeUnit.SECONDS);
            assertTrue(created.status().isOk(), "create: " + created.status());
            WriteResult w = nfs.write(me, WriteArgs.of(created.object(), 0, StableHow.FILE_SYNC,
                    Unpooled.copiedBuffer("written by a client\n", StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
            assertTrue(w.status().isOk(), "write: " + w.status());
            assertEquals("written by a client\n", Files.readString(dir.resolve("shadow/etc/new.txt")));
            assertFalse(Files.exists(dir.resolve("image/etc/new.txt")), "main is never written");
        }
    }

    private static FileHandle lookup(Nfs3Client nfs, Credentials me, FileHandle dir, String name) throws Exception {
        LookupResult r = nfs.lookup(me, new LookupArgs(dir, Filename.of(name))).get(30, TimeUnit.SECONDS);
        assertTrue(r.status().isOk(), "lookup " + name + ": " + r.status());
        return r.object();
    }
}
