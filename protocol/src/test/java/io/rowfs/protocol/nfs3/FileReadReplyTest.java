package io.rowfs.protocol.nfs3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufUtil;
import io.rowfs.protocol.client.RpcClient;
import io.rowfs.protocol.rpc.AuthSys;
import io.rowfs.protocol.rpc.Credentials;
import io.rowfs.protocol.transport.RpcServer;
import io.rowfs.protocol.xdr.FileSlice;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * READ results whose data is a slice of a file, in two ranges ({@link ReadResult#ok(PostOpAttr, boolean, FileSlice)}):
 * over TCP the bytes go out from the file (sendfile), over UDP they are copied in; either way the
 * client receives exactly the slice's bytes, padding included, and the slice is released once sent.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FileReadReplyTest {
    private final Credentials cred = new AuthSys(1, "client", 0, 0, 0, 0);

    @TempDir
    Path dir;

    @Test
    void fileSlicesArriveWholeOverTcp() throws Exception {
        exchange(false, new int[] {1, 3, 4, 4095, 65_537, 1 << 20}, 1 << 21);
    }

    @Test
    void fileSlicesArriveWholeOverUdp() throws Exception {
        exchange(true, new int[] {1, 3, 4, 4095, 30_001}, 40_000);
    }

    @Test
    void aSliceThatCannotBeReadIsASystemErrorAndTheServerGoesOn() throws Exception {
        byte[] content = new byte[1000];
        new Random(9).nextBytes(content);
        Path file = Files.write(dir.resolve("short"), content);
        StubService service = new StubService();
        AtomicInteger released = new AtomicInteger();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            service.answer = (ctx, args) -> {
                ReadArgs read = (ReadArgs) args; // past the file's end when offset + count > 1000
                FileSlice slice = FileSlice.of(channel, read.offset(), read.count(), released::incrementAndGet);
                return CompletableFuture.completedFuture(ReadResult.ok(PostOpAttr.ABSENT, false, slice));
            };
            RpcServer server = RpcServer.builder().udp(true).program(new Nfs3Program(service)).build().start();
            RpcClient rpc = RpcClient.udpBuilder(server.localAddress()).timeout(Duration.ofSeconds(20)).build();
            try {
                Nfs3Client client = new Nfs3Client(rpc);
                java.util.concurrent.CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(
                        java.util.concurrent.CompletionException.class,
                        () -> client.read(cred, new ReadArgs(FileHandle.of(new byte[] {1}), 900, 200)).join());
                assertTrue(e.getCause() instanceof io.rowfs.protocol.client.RpcStatusException, String.valueOf(e.getCause()));
                assertEquals(io.rowfs.protocol.rpc.ReplyStatus.SYSTEM_ERR,
                        ((io.rowfs.protocol.client.RpcStatusException) e.getCause()).status());
                ReadResult good = client.read(cred, new ReadArgs(FileHandle.of(new byte[] {1}), 100, 200)).join();
                try {
                    assertArrayEquals(Arrays.copyOfRange(content, 100, 300), ByteBufUtil.getBytes(good.data()),
                            "the server goes on");
                } finally {
                    good.release();
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (released.get() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(10); // released once answered: just after the reply left
                }
                assertEquals(2, released.get(), "both slices released");
            } finally {
                rpc.close();
                server.close();
            }
        }
    }

    private void exchange(boolean udp, int[] lengths, int fileSize) throws Exception {
        byte[] content = new byte[fileSize];
        new Random(7).nextBytes(content);
        Path file = Files.write(dir.resolve("data"), content);
        StubService service = new StubService();
        AtomicInteger released = new AtomicInteger();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            service.answer = (ctx, args) -> {
                ReadArgs read = (ReadArgs) args;
                // the read's bytes as two ranges in reverse file order: its second half, then its first
                int half = read.count() / 2;
                FileSlice slice = FileSlice.of(channel, new long[] {read.offset() + half, read.offset()},
                        new int[] {read.count() - half, half}, released::incrementAndGet);
                return CompletableFuture.completedFuture(ReadResult.ok(PostOpAttr.ABSENT, false, slice));
            };
            RpcServer server = RpcServer.builder().udp(udp).program(new Nfs3Program(service)).build().start();
            RpcClient rpc = (udp ? RpcClient.udpBuilder(server.localAddress()) : RpcClient.builder(server.localAddress()))
                    .timeout(Duration.ofSeconds(20)).build();
            try {
                Nfs3Client client = new Nfs3Client(rpc);
                int calls = 0;
                for (int length : lengths) {
                    for (int offset : new int[] {0, 5, fileSize - length}) {
                        ReadResult got = client.read(cred, new ReadArgs(FileHandle.of(new byte[] {1}), offset, length)).join();
                        calls++;
                        try {
                            assertEquals(Nfs3Status.OK, got.status());
                            assertEquals(length, got.count());
                            assertArrayEquals(swappedHalves(Arrays.copyOfRange(content, offset, offset + length)),
                                    ByteBufUtil.getBytes(got.data()), length + " bytes at " + offset);
                        } finally {
                            got.release();
                        }
                    }
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (released.get() < calls && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertEquals(calls, released.get(), "every slice released once it was sent");
            } finally {
                rpc.close();
                server.close();
            }
        }
        assertTrue(released.get() > 0);
    }

    private static byte[] swappedHalves(byte[] b) {
        int half = b.length / 2;
        byte[] out = new byte[b.length];
        System.arraycopy(b, half, out, 0, b.length - half);
        System.arraycopy(b, 0, out, b.length - half, half);
        return out;
    }
}
