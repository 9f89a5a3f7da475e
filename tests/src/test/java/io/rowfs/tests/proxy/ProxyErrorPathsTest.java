package io.rowfs.tests.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.Unpooled;
import io.rowfs.protocol.nfs3.CommitArgs;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.LinkArgs;
import io.rowfs.protocol.nfs3.LookupArgs;
import io.rowfs.protocol.nfs3.MkdirArgs;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsTime3;
import io.rowfs.protocol.nfs3.ReadArgs;
import io.rowfs.protocol.nfs3.ReadResult;
import io.rowfs.protocol.nfs3.ReaddirArgs;
import io.rowfs.protocol.nfs3.ReadlinkArgs;
import io.rowfs.protocol.nfs3.Sattr3;
import io.rowfs.protocol.nfs3.SetTime;
import io.rowfs.protocol.nfs3.SetattrArgs;
import io.rowfs.protocol.nfs3.StableHow;
import io.rowfs.protocol.nfs3.Verifier;
import io.rowfs.protocol.nfs3.WriteArgs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Requests the proxy must refuse, each with its status, over real RPC; the proxy keeps serving. */
@Tag("peer")
class ProxyErrorPathsTest extends ProxyPeerTestBase {
    @Test
    void refusalsCarryTheRightStatus() throws Exception {
        Files.writeString(mainDir.resolve("f"), "file\n");
        Files.createDirectories(mainDir.resolve("d/sub"));
        Files.writeString(mainDir.resolve("d/sub/x"), "x\n");
        Files.createSymbolicLink(mainDir.resolve("l"), Path.of("f"));
        try (ProxyStack stack = rig().mainOnShadowServer().start()) {
            ProxyClient c = stack.client;
            FileHandle f = c.lookup(c.root, "f");
            FileHandle d = c.lookup(c.root, "d");
            FileHandle sub = c.lookup(d, "sub");
            FileHandle l = c.lookup(c.root, "l");
            var root = ProxyRig.ROOT;

            assertEquals(Nfs3Status.NOENT, c.lookupStatus(c.root, "missing"));
            assertEquals(Nfs3Status.NOTDIR, c.get(c.nfs.lookup(root, new LookupArgs(f, Filename.of("x")))).status());
            ReadResult readDir = c.get(c.nfs.read(root, new ReadArgs(d, 0, 10)));
            readDir.release();
            assertEquals(Nfs3Status.ISDIR, readDir.status());
            var buf = Unpooled.wrappedBuffer(new byte[] {1});
            try {
                assertEquals(Nfs3Status.ISDIR, c.get(c.nfs.write(root, new WriteArgs(d, 0, 1, StableHow.FILE_SYNC, buf))).status());
                assertEquals(Nfs3Status.INVAL, c.get(c.nfs.write(root, new WriteArgs(l, 0, 1, StableHow.FILE_SYNC, buf))).status());
            } finally {
                buf.release();
            }
            assertEquals(Nfs3Status.ISDIR, c.get(c.nfs.commit(root, new CommitArgs(d, 0, 0))).status());
            assertEquals(Nfs3Status.INVAL, c.get(c.nfs.readlink(root, new ReadlinkArgs(f))).status());
            assertEquals("f", c.get(c.nfs.readlink(root, new ReadlinkArgs(l))).data().toString());
            assertEquals(Nfs3Status.NOTDIR, c.get(c.nfs.readdir(root, new ReaddirArgs(f, 0, Verifier.ZERO, 4096))).status());
            assertEquals(Nfs3Status.TOOSMALL, c.get(c.nfs.readdir(root, new ReaddirArgs(d, 0, Verifier.ZERO, 10))).status());

            assertEquals(Nfs3Status.NOENT, c.remove(c.root, "missing"));
            assertEquals(Nfs3Status.ISDIR, c.remove(c.root, "d"));
            assertEquals(Nfs3Status.NOTDIR, c.rmdir(c.root, "f"));
            assertEquals(Nfs3Status.NOTEMPTY, c.rmdir(d, "sub"));
            assertEquals(Nfs3Status.INVAL, c.rmdir(d, "."));
            assertEquals(Nfs3Status.EXIST, c.get(c.nfs.mkdir(root, new MkdirArgs(c.root, Filename.of("d"), Sattr3.EMPTY))).status());
            assertEquals(Nfs3Status.INVAL, c.get(c.nfs.mkdir(root, new MkdirArgs(c.root, Filename.of("a/b"), Sattr3.EMPTY))).status());
            assertEquals(Nfs3Status.INVAL, c.rename(c.root, "d", sub, "d2"), "a directory into its own subtree");
            assertEquals(Nfs3Status.NOENT, c.rename(c.root, "missing", c.root, "m2"));
            assertEquals(Nfs3Status.ISDIR, c.rename(c.root, "f", c.root, "d"));
            assertEquals(Nfs3Status.NOTDIR, c.rename(d, "sub", c.root, "f"));
            assertEquals(Nfs3Status.EXIST, c.get(c.nfs.link(root, new LinkArgs(f, c.root, Filename.of("l")))).status());
            assertEquals(Nfs3Status.ISDIR, c.get(c.nfs.link(root, new LinkArgs(d, c.root, Filename.of("dl")))).status());
            assertEquals(Nfs3Status.ISDIR, c.get(c.nfs.setattr(root, new SetattrArgs(d,
                    new Sattr3(null, null, null, 0L, SetTime.DONT_CHANGE, SetTime.DONT_CHANGE), null))).status());
            assertEquals(Nfs3Status.NOT_SYNC, c.get(c.nfs.setattr(root, new SetattrArgs(f,
                    new Sattr3(0600, null, null, null, SetTime.DONT_CHANGE, SetTime.DONT_CHANGE), new NfsTime3(1, 2)))).status());

            // nothing above changed anything, and the proxy still serves
            assertEquals("file\n", new String(c.readAll(f)));
            assertEquals(Nfs3Status.OK, c.rename(d, "sub", c.root, "sub-moved"));
            assertEquals("x\n", new String(c.readAll(c.path("sub-moved/x"))));
        }
    }
}
