package io.rowfs.proxy.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.rowfs.protocol.mount.MountResult;
import io.rowfs.protocol.nfs3.CreateArgs;
import io.rowfs.protocol.nfs3.CreateHow;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.GetattrArgs;
import io.rowfs.protocol.nfs3.LookupArgs;
import io.rowfs.protocol.nfs3.LookupResult;
import io.rowfs.protocol.nfs3.NewObjectResult;
import io.rowfs.protocol.nfs3.Nfs3Procedure;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.protocol.nfs3.NfsContext;
import io.rowfs.protocol.nfs3.ReadArgs;
import io.rowfs.protocol.nfs3.ReadResult;
import io.rowfs.protocol.nfs3.Sattr3;
import io.rowfs.protocol.nfs3.SetTime;
import io.rowfs.protocol.nfs3.StableHow;
import io.rowfs.protocol.nfs3.WriteArgs;
import io.rowfs.protocol.nfs3.WriteResult;
import io.rowfs.protocol.rpc.AuthSys;
import io.rowfs.proxy.server.ProxyMountService;
import io.rowfs.proxy.server.ProxyNfs3Service;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Calls an engine as its front end would, with no RPC: MOUNT through {@link ProxyMountService} and
 * NFSv3 through {@link ProxyNfs3Service} over the engine's file system and workers.
 */
final class EngineClient {
    private static final NfsContext ROOT = NfsContext.authSys(1, null, "engine-test", 0, 0);
    final ProxyNfs3Service nfs;
    final FileHandle root;

    EngineClient(ProxyEngine engine) throws Exception {
        this.nfs = new ProxyNfs3Service(engine.fs(), engine.workers(), engine.metrics());
        MountResult m = get(new ProxyMountService(engine.room().handles(), engine.room().names(), engine.exportPath(), engine.workers())
                .mount(engine.exportPath(), new AuthSys(0, "engine-test", 0, 0), null));
        assertTrue(m.isOk(), "MOUNT " + m.status());
        this.root = m.fileHandle();
    }

    static <T> T get(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** GETATTR's status; a failure is mapped as the RPC dispatcher maps it (the service throws NfsException). */
    Nfs3Status getattr(FileHandle fh) throws Exception {
        try {
            return get(nfs.call(Nfs3Procedure.GETATTR, ROOT, new GetattrArgs(fh))).status();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NfsException n) {
                return Nfs3Procedure.GETATTR.failure(n).status();
            }
            throw e;
        }
    }

    FileHandle lookup(FileHandle dir, String name) throws Exception {
        LookupResult r = get(nfs.call(Nfs3Procedure.LOOKUP, ROOT, new LookupArgs(dir, Filename.of(name))));
        assertEquals(Nfs3Status.OK, r.status(), "LOOKUP " + name);
        return r.object();
    }

    FileHandle create(FileHandle dir, String name) throws Exception {
        NewObjectResult r = get(nfs.call(Nfs3Procedure.CREATE, ROOT, new CreateArgs(dir, Filename.of(name), CreateHow.guarded(
                new Sattr3(0644, 0, 0, null, SetTime.DONT_CHANGE, SetTime.DONT_CHANGE)))));
        assertEquals(Nfs3Status.OK, r.status(), "CREATE " + name);
        return r.object();
    }

    void write(FileHandle fh, long offset, byte[] data) throws Exception {
        WriteResult r = get(nfs.call(Nfs3Procedure.WRITE, ROOT, WriteArgs.of(fh, offset, StableHow.FILE_SYNC, Unpooled.wrappedBuffer(data))));
        assertEquals(Nfs3Status.OK, r.status(), "WRITE");
    }

    /** The whole file, read in pieces below the size answered from the cache file (in-memory data). */
    byte[] readAll(FileHandle fh) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            ReadResult r = get(nfs.call(Nfs3Procedure.READ, ROOT, new ReadArgs(fh, out.size(), 32 * 1024)));
            try {
                assertEquals(Nfs3Status.OK, r.status(), "READ");
                assertNull(r.file(), "in-memory data");
                out.write(ByteBufUtil.getBytes(r.data()));
                if (r.eof() || r.count() == 0) {
                    return out.toByteArray();
                }
            } finally {
                r.release();
            }
        }
    }
}
