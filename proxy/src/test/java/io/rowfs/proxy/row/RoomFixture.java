package io.rowfs.proxy.row;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.rowfs.protocol.nfs3.FileType;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.Sattr3;
import io.rowfs.protocol.nfs3.StableHow;
import io.rowfs.proxy.blocks.BlockGeometry;
import io.rowfs.proxy.blocks.BlockMapStore;
import io.rowfs.proxy.blocks.BlockPlanner;
import io.rowfs.proxy.cache.ByteSourceListener;
import io.rowfs.proxy.cache.MainChunkCache;
import io.rowfs.proxy.cache.MainDataFetcher;
import io.rowfs.proxy.core.CachedObjectTable;
import io.rowfs.proxy.core.Resolved;
import io.rowfs.proxy.handle.VirtualHandleCodec;
import io.rowfs.proxy.meta.ChronicleObjectTable;
import io.rowfs.proxy.meta.IntentLog;
import io.rowfs.proxy.meta.NameIndex;
import io.rowfs.proxy.meta.ObjectRecord;
import io.rowfs.proxy.meta.ObjectTable;
import io.rowfs.proxy.store.Shadow;
import io.rowfs.proxy.store.memory.MemoryMainStore;
import io.rowfs.proxy.store.memory.MemoryShadowStore;
import io.rowfs.proxy.store.memory.MemoryTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A {@link Room} over in-memory main and shadow stores and real Chronicle tables in a state
 * directory, which can be "restarted" (everything closed and opened again over the same state and
 * stores, then recovered) as after {@code kill -9}. Queued shadow steps (names-behind) wait in
 * {@link #queued} until {@link #runQueued} runs them, so a test can crash before or after them.
 */
final class RoomFixture implements AutoCloseable {
    static final int B = 512;
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();

    final MemoryTree mainTree = new MemoryTree(1);
    final MemoryTree shadowTree = new MemoryTree(2);
    final MemoryMainStore main = new MemoryMainStore(mainTree, 3); // small pages: listings take several
    final MemoryShadowStore shadowStore = new MemoryShadowStore(shadowTree);
    final List<Runnable> queued = new ArrayList<>();
    private final Path state;
    private final int namesBehind;
    private final ExecutorService disk = Executors.newSingleThreadExecutor();

    ObjectTable objects;
    BlockMapStore blocks;
    IntentLog intents;
    Room room;
    private ChronicleObjectTable durable;
    private NameIndex names;
    private MainChunkCache cache;
    private MainDataFetcher fetcher;

    RoomFixture(Path state, int namesBehind) {
        this.state = state;
        this.namesBehind = namesBehind;
    }

    /** Opens the tables and assembles the room; {@code crash} names where a change halts. */
    RoomFixture open(CrashPoint crash) {
        try {
            durable = ChronicleObjectTable.open(state, 10_000);
            names = NameIndex.open(state, 20_000);
            blocks = BlockMapStore.open(state, 10_000);
            intents = IntentLog.open(state);
            cache = MainChunkCache.open(state.resolve("cache"), 1 << 20, 4096);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (durable.get(ObjectTable.ROOT_ID).isEmpty()) {
            durable.putRoot(new ObjectRecord(ObjectTable.ROOT_ID, new byte[0], FileType.DIR.value(), 0, 0, -1,
                    main.root().bytes(), shadowStore.root().bytes()));
        }
        objects = new CachedObjectTable(durable, 1000);
        fetcher = new MainDataFetcher(main.dataSource(), cache, disk, 0);
        Shadow shadow = new Shadow(shadowStore, queued::add);
        room = new Room(objects, names, intents, main, shadow, new VirtualHandleCodec(KEY), blocks,
                new BlockPlanner(new BlockGeometry(B)), fetcher, new WriteVerifier(1), ByteSourceListener.NONE,
                namesBehind, Runnable::run, Clock.systemUTC(), crash);
        return this;
    }

    /** As after {@code kill -9}: queued shadow steps are lost, the tables reopened, the intents recovered. */
    int restart() {
        queued.clear();
        closeTables();
        open(CrashPoint.NONE);
        return room.recover();
    }

    /** Runs the queued shadow steps (on another thread, as the shadow's queues do); rethrows a halt. */
    void runQueued() throws InterruptedException {
        List<Runnable> now = new ArrayList<>(queued);
        queued.clear();
        Throwable[] failed = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                now.forEach(Runnable::run);
            } catch (Throwable e) {
                failed[0] = e;
            }
        });
        t.start();
        t.join();
        if (failed[0] instanceof Error e) {
            throw e;
        }
    }

    /** A crash point that halts (throws {@link MemoryShadowStore.Halt}) at {@code name}. */
    static CrashPoint haltAt(String name) {
        return at -> {
            if (at.equals(name)) {
                throw new MemoryShadowStore.Halt(at);
            }
        };
    }

    // ---- short forms for tests ----

    Resolved root() {
        return room.handles().root();
    }

    /** The object at {@code path} in the merged tree, or null. */
    Resolved find(String path) {
        Resolved cur = root();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                var next = room.names().lookup(cur, Filename.of(part));
                if (next.isEmpty()) {
                    return null;
                }
                cur = next.get();
            }
        }
        return cur;
    }

    Resolved at(String path) {
        Resolved r = find(path);
        if (r == null) {
            throw new AssertionError("no " + path + " in the merged tree");
        }
        return r;
    }

    byte[] read(Resolved f, long offset, int count) {
        ByteBuf b = room.data().read(room.handles().reload(f.id()), offset, count);
        try {
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    byte[] readAll(String path) {
        Resolved f = at(path);
        return read(f, 0, (int) room.data().size(f));
    }

    void write(String path, long offset, byte[] data) {
        room.data().write(at(path), offset, Unpooled.wrappedBuffer(data), StableHow.FILE_SYNC);
    }

    List<String> names(String dir) {
        List<String> out = new ArrayList<>();
        room.names().list(at(dir)).forEach(c -> out.add(c.name().toString()));
        return out;
    }

    Resolved createFile(String dir, String name) {
        return room.changes().create(at(dir), Filename.of(name), Sattr3.EMPTY, false, Checks.NONE);
    }

    static byte[] pattern(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private void closeTables() {
        fetcher.close();
        cache.close();
        intents.close();
        blocks.close();
        names.close();
        objects.close();
    }

    @Override
    public void close() {
        closeTables();
        disk.shutdownNow();
    }
}
