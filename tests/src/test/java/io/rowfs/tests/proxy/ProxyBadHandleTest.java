package io.rowfs.tests.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.GetattrArgs;
import io.rowfs.protocol.nfs3.LookupArgs;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.ReadArgs;
import io.rowfs.protocol.nfs3.ReadResult;
import io.rowfs.proxy.handle.VirtualHandle;
import io.rowfs.proxy.handle.VirtualHandleCodec;
import io.rowfs.proxy.server.ProxyServer;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Forged, truncated and other-session handles get NFS3ERR_BADHANDLE over real RPC; the proxy keeps serving. */
@Tag("peer")
class ProxyBadHandleTest extends ProxyPeerTestBase {
    @Test
    void badHandlesAreRefusedAndServiceContinues() throws Exception {
        Files.writeString(mainDir.resolve("f"), "data\n");
        try (ProxyStack stack = rig().start();
             ProxyServer other = stack.rig.startProxy(work.resolve("other-proxy-state"));
             ProxyClient o = ProxyClient.on(other)) {
            ProxyClient c = stack.client;
            FileHandle good = c.lookup(c.root, "f");
            byte[] raw = good.bytes();

            byte[] flipped = raw.clone();
            flipped[10] ^= 1; // object id changed, MAC no longer matches
            byte[] random = new byte[32];
            new Random(1).nextBytes(random);
            byte[] forgedMac = new VirtualHandleCodec(new byte[32]).encode(new VirtualHandle(1, 2, 0));
            FileHandle[] bad = {
                FileHandle.of(flipped),
                FileHandle.of(random),
                FileHandle.of(forgedMac),
                FileHandle.of(Arrays.copyOf(raw, 16)),      // truncated
                FileHandle.of(new byte[0]),
                FileHandle.of(Arrays.copyOf(raw, 64)),      // padded
                o.lookup(o.root, "f"),                      // another proxy state's session
                o.root,
            };
            for (FileHandle fh : bad) {
                assertEquals(Nfs3Status.BADHANDLE, c.get(c.nfs.getattr(ProxyRig.ROOT, new GetattrArgs(fh))).status(), fh.toString());
                assertEquals(Nfs3Status.BADHANDLE, c.get(c.nfs.lookup(ProxyRig.ROOT,
                        new LookupArgs(fh, Filename.of("f")))).status(), fh.toString());
                ReadResult r = c.get(c.nfs.read(ProxyRig.ROOT, new ReadArgs(fh, 0, 10)));
                r.release();
                assertEquals(Nfs3Status.BADHANDLE, r.status());
            }
            // still serving, with the good handle
            assertEquals("data\n", new String(c.read(good, 0, 100)));
            assertEquals(Nfs3Status.OK, c.get(c.nfs.getattr(ProxyRig.ROOT, new GetattrArgs(c.root))).status());
        }
    }
}
