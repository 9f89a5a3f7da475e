package io.rowfs.proxy.engine;

import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.FileType;
import io.rowfs.protocol.nfs3.Sattr3;
import io.rowfs.protocol.nfs3.SetTime;
import io.rowfs.protocol.rpc.AuthSys;
import io.rowfs.protocol.rpc.Credentials;
import io.rowfs.proxy.backend.BackendConnection;
import io.rowfs.proxy.backend.LocalShadowStore;
import io.rowfs.proxy.backend.NfsMainStore;
import io.rowfs.proxy.backend.NfsShadowStore;
import io.rowfs.proxy.blocks.BlockGeometry;
import io.rowfs.proxy.blocks.BlockMapStore;
import io.rowfs.proxy.blocks.BlockPlanner;
import io.rowfs.proxy.cache.MainChunkCache;
import io.rowfs.proxy.cache.MainDataFetcher;
import io.rowfs.proxy.core.CachedObjectTable;
import io.rowfs.proxy.handle.VirtualHandleCodec;
import io.rowfs.proxy.meta.ChronicleObjectTable;
import io.rowfs.proxy.meta.IntentLog;
import io.rowfs.proxy.meta.NameIndex;
import io.rowfs.proxy.meta.ObjectRecord;
import io.rowfs.proxy.meta.ObjectTable;
import io.rowfs.proxy.ops.FsLimits;
import io.rowfs.proxy.ops.ProxyFs;
import io.rowfs.proxy.row.CrashPoint;
import io.rowfs.proxy.row.NamesBehind;
import io.rowfs.proxy.row.Room;
import io.rowfs.proxy.row.ShadowRoom;
import io.rowfs.proxy.row.WriteBehind;
import io.rowfs.proxy.row.WriteVerifier;
import io.rowfs.proxy.store.MainStore;
import io.rowfs.proxy.store.Shadow;
import io.rowfs.proxy.store.ShadowStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The proxy without its front end: the state directory (handle key, object table, name index, block
 * bitmaps, intent log), main and the shadow, intent recovery, the main-data cache and fetcher
 * ({@link MainData}, its own or shared), the worker and queue threads and the metrics. It binds no
 * socket: {@code server.ProxyServer} serves one over NFSv3/MOUNT/portmap, and an engine's {@link
 * #fs()}, {@link #room()} and {@link #workers()} are what the NFS and MOUNT services need.
 * Several engines can run in one JVM, each with its own state directory and shadow, sharing one
 * {@link MainData} when they have the same main.
 *
 * <p>Made by {@link #start}; {@link #close()} stops the threads (queued shadow changes and UNSTABLE
 * writes still go out) and closes everything it opened. Thread-safe queries.
 */
public final class ProxyEngine implements AutoCloseable {
    static final Credentials PROXY_CREDENTIALS = new AuthSys(0, "rowfs-proxy", 0, 0);
    private static final int WRITE_BEHIND_THREADS = 4;
    private static final int NAMES_BEHIND_THREADS = 8;
    /** How old the shadow's FSSTAT may be before files created behind the reply ask for another. */
    static final Duration SHADOW_ROOM_CHECK = Duration.ofSeconds(1);
    /** Bytes the shadow must have available for files to be created behind the reply. */
    static final long SHADOW_ROOM_BYTES = 64L << 20;
    /** Decoded object records kept in memory (about 200 bytes each). */
    private static final int RECORDS_CACHED = 131_072;
    /** The in-process shadow's own state, inside the engine's state directory. */
    static final String LOCAL_SHADOW_STATE = "shadow";

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final ProxyMetrics metrics = new ProxyMetrics();
    private ExecutorService workers;
    private ExecutorService writers;
    private ExecutorService namers;
    private Room room;
    private ProxyFs fs;
    private String exportPath;
    private BooleanSupplier nothingBehind;
    private MainData mainData;

    private ProxyEngine() {
    }

    /** Opens the state, mounts main (and the NFS shadow), recovers intents; closes what it opened on failure. */
    public static ProxyEngine start(EngineConfig config) throws IOException {
        config.validate();
        ProxyEngine engine = new ProxyEngine();
        try {
            engine.open(config);
            return engine;
        } catch (IOException | RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    private void open(EngineConfig config) throws IOException {
        Path state = Files.createDirectories(config.state);
        VirtualHandleCodec codec = new VirtualHandleCodec(SessionKey.loadOrCreate(state));
        ChronicleObjectTable objects = keep(ChronicleObjectTable.open(state, config.maxObjects));
        NameIndex names = keep(NameIndex.open(state, config.maxObjects * 2));
        BlockMapStore blocks = keep(BlockMapStore.open(state, config.maxObjects));
        IntentLog intents = keep(IntentLog.open(state));
        BackendConnection mainConn = keep(BackendConnection.mount(config.main, PROXY_CREDENTIALS, config.timeout,
                metrics.backend("main"), config.privilegedPorts));
        ShadowStore shadowStore = openShadow(config, state);
        MainStore main = new NfsMainStore(mainConn);
        namers = Executors.newFixedThreadPool(NAMES_BEHIND_THREADS, named("rowfs-proxy-namer"));
        Shadow shadow = new Shadow(shadowStore, namers);
        FsLimits limits = FsLimits.of(main.fsinfo(), shadow.fsinfo());
        putRoot(objects, main, shadow);

        workers = Executors.newFixedThreadPool(config.workers, named("rowfs-proxy-worker"));
        if (config.sharedMainData != null) {
            config.sharedMainData.requireSameMain(main.root());
            mainData = config.sharedMainData;
        } else {
            mainData = keep(MainData.open(main, state.resolve("cache"), config.mainDataSizes(), metrics.dataBytes()));
        }
        MainChunkCache cache = mainData.cache();
        MainDataFetcher fetcher = mainData.fetcher();
        metrics.memoryTier(fetcher::memoryBytes, fetcher::pinnedBytes);
        metrics.cacheChunks(cache::usedChunks, cache.capacityChunks());
        WriteVerifier verifier = new WriteVerifier();
        room = new Room(new CachedObjectTable(objects, RECORDS_CACHED), names, intents, main, shadow, codec, blocks,
                new BlockPlanner(new BlockGeometry(config.blockSize)), fetcher, verifier, metrics.dataBytes(),
                config.namesBehind, workers, Clock.systemUTC(), CrashPoint.fromProperty());
        WriteBehind writeBehind = null;
        if (config.writeBehindBytes > 0) {
            writers = Executors.newFixedThreadPool(WRITE_BEHIND_THREADS, named("rowfs-proxy-writer"));
            writeBehind = new WriteBehind(writers, config.writeBehindBytes, verifier::lostUnstableData);
            room.data().writeBehind(writeBehind);
        }
        room.recover();
        NamesBehind behind = room.behind();
        if (config.namesBehind > 0) {
            ShadowRoom shadowRoom = new ShadowRoom(shadow::fsstat, workers, Clock.systemUTC(), SHADOW_ROOM_CHECK,
                    SHADOW_ROOM_BYTES, Math.max(1024, 2L * config.namesBehind));
            shadowRoom.refresh(); // the first CREATEs know already
            behind.room(shadowRoom);
        }
        fs = new ProxyFs(room, limits);
        exportPath = config.exportPath != null ? config.exportPath : config.main.exportPath();
        WriteBehind queuedWrites = writeBehind;
        // the client-facing loops spin only while nothing queued behind a reply wants the CPU
        nothingBehind = () -> behind.queued() == 0
                && (queuedWrites == null || queuedWrites.queuedBytes() == 0) && fetcher.inFlightCount() == 0;
    }

    /** The shadow store: an NFSv3 server mounted with MOUNT v3, or a directory served in this process. */
    private ShadowStore openShadow(EngineConfig config, Path state) throws IOException {
        if (config.shadowDir != null) {
            return keep(LocalShadowStore.open(config.shadowDir, state.resolve(LOCAL_SHADOW_STATE),
                    metrics.backend("shadow")));
        }
        BackendConnection shadowConn = keep(BackendConnection.mount(config.shadow, PROXY_CREDENTIALS,
                config.timeout, metrics.backend("shadow"), config.privilegedPorts));
        return new NfsShadowStore(shadowConn);
    }

    /**
     * The root record always names the current root handles of both back ends. The root is always
     * in the shadow (the shadow export's root); on first start it takes main's root mode and owner.
     */
    private static void putRoot(ChronicleObjectTable objects, MainStore main, Shadow shadow) {
        if (objects.get(ObjectTable.ROOT_ID).isEmpty()) {
            Fattr3 m = main.getattr(main.root());
            shadow.setattr(shadow.root(), new Sattr3(m.mode(), m.uid(), m.gid(), null,
                    SetTime.DONT_CHANGE, SetTime.DONT_CHANGE));
        }
        int flags = objects.get(ObjectTable.ROOT_ID).map(ObjectRecord::flags).orElse(0);
        objects.putRoot(new ObjectRecord(ObjectTable.ROOT_ID, new byte[0], FileType.DIR.value(), flags, 0, -1,
                main.root().bytes(), shadow.root().bytes()));
    }

    private <T extends AutoCloseable> T keep(T resource) {
        opened.add(resource);
        return resource;
    }

    static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The merged file system the NFS procedures work on. */
    public ProxyFs fs() {
        return fs;
    }

    /** The redirect-on-write room: handles and merged names (for MOUNT), data, changes. */
    public Room room() {
        return room;
    }

    /** The worker threads procedures that wait for a back end run on. */
    public ExecutorService workers() {
        return workers;
    }

    /** The path clients mount. */
    public String exportPath() {
        return exportPath;
    }

    public ProxyMetrics metrics() {
        return metrics;
    }

    /** The main-data cache and fetcher this engine reads main through (its own or shared). */
    public MainData mainData() {
        return mainData;
    }

    /** True while nothing queued behind a reply (names, writes, main fetches) wants the CPU. */
    public boolean nothingBehind() {
        return nothingBehind.getAsBoolean();
    }

    @Override
    public synchronized void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
        if (namers != null) {
            namers.shutdown(); // queued shadow CREATEs and REMOVEs still go out (their intents say so otherwise)
            awaitQuietly(namers);
        }
        if (writers != null) {
            writers.shutdown(); // queued UNSTABLE writes still go out (their clients have not committed yet)
            awaitQuietly(writers);
        }
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                // closing: nothing left to do
            }
        }
        opened.clear();
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
