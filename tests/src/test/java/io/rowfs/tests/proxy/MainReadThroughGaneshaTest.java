package io.rowfs.tests.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.protocol.client.RpcClient;
import io.rowfs.protocol.mount.MountClient;
import io.rowfs.protocol.mount.MountResult;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.LookupArgs;
import io.rowfs.protocol.nfs3.LookupResult;
import io.rowfs.protocol.nfs3.Nfs3Client;
import io.rowfs.protocol.rpc.AuthSys;
import io.rowfs.protocol.rpc.Credentials;
import io.rowfs.proxy.cache.MainChunkCache;
import io.rowfs.proxy.cache.MainDataFetcher;
import io.rowfs.proxy.cache.MainSource;
import io.rowfs.proxy.cache.NfsMainSource;
import io.rowfs.tests.peers.Ganesha;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proxy's main-data path (NFS READ, chunk cache, readahead) against a real read-only nfs-ganesha. */
@Tag("peer")
class MainReadThroughGaneshaTest {
    @TempDir
    Path export;
    @TempDir
    Path state;

    @Test
    void readsAreByteExactAndSecondPassNeverTouchesMain() throws Exception {
        byte[] image = new byte[5 * 1024 * 1024 + 321];
        new Random(11).nextBytes(image);
        Files.write(export.resolve("image.bin"), image);
        Credentials root = new AuthSys(0, "rowfs-test", 0, 0);
        ExecutorService disk = Executors.newFixedThreadPool(2);
        try (Ganesha g = Ganesha.start(export, true);
             RpcClient mountRpc = RpcClient.builder(new InetSocketAddress("127.0.0.1", g.hostMountPort())).build();
             RpcClient nfsRpc = RpcClient.builder(new InetSocketAddress("127.0.0.1", g.hostNfsPort())).build();
             MainChunkCache cache = MainChunkCache.open(state, 64L << 20, 64 * 1024)) {
            MountResult mnt = new MountClient(mountRpc, root).mount(g.exportPath()).get(30, TimeUnit.SECONDS);
            assertTrue(mnt.isOk(), "mount: " + mnt.status());
            Nfs3Client nfs = new Nfs3Client(nfsRpc);
            LookupResult lookup = nfs.lookup(root, new LookupArgs(FileHandle.of(mnt.handle()), Filename.of("image.bin")))
                    .get(30, TimeUnit.SECONDS);
            assertTrue(lookup.status().isOk(), "lookup: " + lookup.status());
            byte[] handle = lookup.object().bytes();

            AtomicLong fromMain = new AtomicLong();
            NfsMainSource nfsSource = new NfsMainSource(nfs, root);
            MainSource counting = (h, off, count) -> nfsSource.read(h, off, count)
                    .thenApply(b -> { fromMain.addAndGet(b.readableBytes()); return b; });
            MainDataFetcher fetcher = new MainDataFetcher(counting, cache, disk, 8);
            try {

            // an odd-sized sequential pass, like a client reading with 32 KiB + 1 byte requests
            int step = 32 * 1024 + 1;
            for (long off = 0; off < image.length; off += step) {
                byte[] got = bytes(fetcher.read(handle, image.length, off, step));
                int end = (int) Math.min(image.length, off + step);
                assertArrayEquals(Arrays.copyOfRange(image, (int) off, end), got, "at " + off);
            }
            waitIdle(fetcher);
            long firstPass = fromMain.get();
            assertTrue(firstPass >= image.length && firstPass <= image.length + 64 * 1024,
                    "first pass fetched each chunk once: " + firstPass);

            Random rnd = new Random(3);
            for (int i = 0; i < 200; i++) {
                int off = rnd.nextInt(image.length);
                int len = 1 + rnd.nextInt(200_000);
                byte[] got = bytes(fetcher.read(handle, image.length, off, len));
                assertArrayEquals(Arrays.copyOfRange(image, off, Math.min(image.length, off + len)), got);
            }
            assertEquals(firstPass, fromMain.get(), "cached data never crosses the wire again");
            } finally {
                fetcher.close();
            }
        } finally {
            disk.shutdown(); // queued cache writes still run (and release their buffers)
            disk.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    /** The bytes of a fetcher read, which is released. */
    private static byte[] bytes(io.netty.buffer.ByteBuf b) {
        try {
            return io.netty.buffer.ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    private static void waitIdle(MainDataFetcher f) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (f.inFlightCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
