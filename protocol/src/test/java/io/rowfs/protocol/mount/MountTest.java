package io.rowfs.protocol.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rowfs.protocol.client.RpcClient;
import io.rowfs.protocol.client.RpcReply;
import io.rowfs.protocol.client.RpcStatusException;
import io.rowfs.protocol.rpc.AuthFlavor;
import io.rowfs.protocol.rpc.AuthNone;
import io.rowfs.protocol.rpc.AuthSys;
import io.rowfs.protocol.rpc.Credentials;
import io.rowfs.protocol.rpc.ReplyStatus;
import io.rowfs.protocol.rpc.XdrWriter;
import io.rowfs.protocol.transport.RpcServer;
import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import io.rowfs.protocol.xdr.XdrException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class MountTest {
    static final byte[] ROOT = {1, 2, 3, 4, 5, 6, 7, 8};

    /** Exports /export to uid 0 only, answers asynchronously; /boom fails; others are NOENT. */
    static final class TinyMountService implements MountService {
        @Override
        public CompletionStage<MountResult> mount(String dirPath, Credentials cred, InetSocketAddress client) {
            if (dirPath.equals("/boom")) {
                return CompletableFuture.failedFuture(new IllegalStateException("service bug"));
            }
            if (!dirPath.equals("/export")) {
                return CompletableFuture.completedFuture(MountResult.error(MountStat.MNT3ERR_NOENT));
            }
            if (!(cred instanceof AuthSys sys) || sys.uid() != 0) {
                return CompletableFuture.completedFuture(MountResult.error(MountStat.MNT3ERR_ACCES));
            }
            return CompletableFuture.supplyAsync(() -> MountResult.ok(ROOT, AuthFlavor.AUTH_SYS),
                    CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS));
        }

        @Override
        public List<ExportEntry> exports() {
            return List.of(new ExportEntry("/export", List.of("127.0.0.1", "@trusted")),
                    new ExportEntry("/public", List.of()));
        }
    }

    private RpcServer server;
    private RpcClient rpc;
    private MountClient root;

    @BeforeEach
    void start() throws Exception {
        server = RpcServer.builder().program(new MountProgram(new TinyMountService())).build().start();
        rpc = RpcClient.builder(server.localAddress()).build();
        root = new MountClient(rpc, new AuthSys(0, "client", 0, 0));
    }

    @AfterEach
    void stop() {
        rpc.close();
        server.close();
    }

    @Test
    void mountDumpUnmountThroughTheClient() throws Exception {
        root.ping().get();
        MountResult r = root.mount("/export").get();
        assertTrue(r.isOk());
        assertArrayEquals(ROOT, r.handle());
        assertEquals(io.rowfs.protocol.nfs3.FileHandle.of(ROOT), r.fileHandle());
        assertArrayEquals(new int[] {AuthFlavor.AUTH_SYS}, r.authFlavors());
        assertEquals(List.of(new MountEntry("127.0.0.1", "/export")), root.dump().get());
        root.unmount("/export").get();
        assertEquals(List.of(), root.dump().get());
        root.mount("/export").get();
        root.unmountAll().get();
        assertEquals(List.of(), root.dump().get());
    }

    @Test
    void errorsComeBackAsMountStat() throws Exception {
        assertEquals(MountStat.MNT3ERR_NOENT, root.mount("/nope").get().status());
        MountClient nobody = new MountClient(rpc, new AuthSys(0, "client", 65534, 65534));
        assertEquals(MountStat.MNT3ERR_ACCES, nobody.mount("/export").get().status());
        assertEquals(MountStat.MNT3ERR_ACCES, new MountClient(rpc, AuthNone.INSTANCE).mount("/export").get().status());
        assertEquals(MountStat.MNT3ERR_SERVERFAULT, root.mount("/boom").get().status());
        assertEquals(List.of(), root.dump().get(), "failed mounts are not listed");
    }

    @Test
    void exportsListsGroups() throws Exception {
        assertEquals(new TinyMountService().exports(), root.exports().get());
    }

    @Test
    void pathOverMntPathLenIsGarbageArgs() throws Exception {
        assertEquals(MountStat.MNT3ERR_NOENT, root.mount("/" + "a".repeat(Mount.MNTPATHLEN - 1)).get().status());
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> root.mount("/" + "a".repeat(Mount.MNTPATHLEN)).get());
        assertInstanceOf(RpcStatusException.class, e.getCause());
        assertEquals(ReplyStatus.GARBAGE_ARGS, ((RpcStatusException) e.getCause()).status());
    }

    @Test
    void onlyVersion3IsServed() throws Exception {
        try (RpcReply r = rpc.call(Mount.PROGRAM, 1, Mount.PROC_NULL, AuthNone.INSTANCE, XdrWriter.VOID).get()) {
            assertEquals(ReplyStatus.PROG_MISMATCH, r.status());
            assertEquals(3, r.header().low());
            assertEquals(3, r.header().high());
        }
        try (RpcReply r = rpc.call(Mount.PROGRAM, 3, 6, AuthNone.INSTANCE, XdrWriter.VOID).get()) {
            assertEquals(ReplyStatus.PROC_UNAVAIL, r.status());
        }
    }

    // ---- codecs

    private static <T> T roundTrip(T value, BiConsumer<T, XdrEncoder> write, Function<XdrDecoder, T> read) {
        ByteBuf buf = Unpooled.buffer();
        try {
            write.accept(value, new XdrEncoder(buf));
            XdrDecoder in = new XdrDecoder(buf);
            T back = read.apply(in);
            assertEquals(0, in.remaining());
            return back;
        } finally {
            buf.release();
        }
    }

    @Test
    void mountResultRoundTripsAtHandleSizes0And64() {
        for (int len : new int[] {0, 1, 63, 64}) {
            MountResult r = MountResult.ok(new byte[len], AuthFlavor.AUTH_SYS, AuthFlavor.AUTH_NONE);
            assertEquals(r, roundTrip(r, MountResult::encode, MountResult::decode));
        }
        for (MountStat s : MountStat.values()) {
            if (s == MountStat.MNT3_OK) continue;
            MountResult r = MountResult.error(s);
            assertEquals(r, roundTrip(r, MountResult::encode, MountResult::decode));
        }
    }

    @Test
    void handleOf65BytesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MountResult.ok(new byte[65]));
        ByteBuf buf = Unpooled.buffer();
        try {
            new XdrEncoder(buf).writeInt(0).writeOpaque(new byte[65]).writeInt(0);
            XdrException e = assertThrows(XdrException.class, () -> MountResult.decode(new XdrDecoder(buf)));
            assertTrue(e.getMessage().contains("65"), e.getMessage());
        } finally {
            buf.release();
        }
    }

    @Test
    void unknownMountStatIsGarbage() {
        ByteBuf buf = Unpooled.buffer();
        try {
            new XdrEncoder(buf).writeInt(3);
            assertThrows(XdrException.class, () -> MountResult.decode(new XdrDecoder(buf)));
        } finally {
            buf.release();
        }
    }

    @Test
    void listsRoundTrip() {
        List<MountEntry> mounts = List.of(new MountEntry("10.0.0.1", "/a"), new MountEntry("h", "/b/c"));
        assertEquals(mounts, roundTrip(mounts, MountLists::encodeMountList, MountLists::decodeMountList));
        assertEquals(List.of(), roundTrip(List.<MountEntry>of(), MountLists::encodeMountList, MountLists::decodeMountList));
        List<ExportEntry> exports = List.of(new ExportEntry("/x", List.of()), new ExportEntry("/y", List.of("a", "b")));
        assertEquals(exports, roundTrip(exports, MountLists::encodeExports, MountLists::decodeExports));
    }
}
