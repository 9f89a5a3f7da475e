package io.rowfs.proxy.server;

import io.rowfs.metrics.MetricsHttpServer;
import io.rowfs.protocol.mount.MountProgram;
import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.FileType;
import io.rowfs.protocol.nfs3.Sattr3;
import io.rowfs.protocol.nfs3.SetTime;
import io.rowfs.protocol.nfs3.Nfs3Program;
import io.rowfs.protocol.portmap.EmbeddedPortmapper;
import io.rowfs.protocol.portmap.PortmapProgram;
import io.rowfs.protocol.portmap.PortmapRegistry;
import io.rowfs.protocol.rpc.AuthSys;
import io.rowfs.protocol.rpc.Credentials;
import io.rowfs.protocol.transport.RpcServer;
import io.rowfs.proxy.backend.BackendConnection;
import io.rowfs.proxy.backend.BackendSpec;
import io.rowfs.proxy.backend.NfsMainStore;
import io.rowfs.proxy.backend.NfsShadowStore;
import io.rowfs.proxy.store.MainStore;
import io.rowfs.proxy.store.Shadow;
import io.rowfs.proxy.blocks.BlockGeometry;
import io.rowfs.proxy.blocks.BlockMapStore;
import io.rowfs.proxy.blocks.BlockPlanner;
import io.rowfs.proxy.cache.MainChunkCache;
import io.rowfs.proxy.cache.MainDataFetcher;
import io.rowfs.proxy.core.CachedObjectTable;
import io.rowfs.proxy.row.CrashPoint;
import io.rowfs.proxy.row.NamesBehind;
import io.rowfs.proxy.row.Room;
import io.rowfs.proxy.row.ShadowRoom;
import io.rowfs.proxy.row.WriteBehind;
import io.rowfs.proxy.row.WriteVerifier;
import io.rowfs.proxy.handle.VirtualHandleCodec;
import io.rowfs.proxy.meta.ChronicleObjectTable;
import io.rowfs.proxy.meta.IntentLog;
import io.rowfs.proxy.meta.NameIndex;
import io.rowfs.proxy.meta.ObjectRecord;
import io.rowfs.proxy.meta.ObjectTable;
import io.rowfs.proxy.ops.FsLimits;
import io.rowfs.proxy.ops.ProxyFs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The redirect-on-write proxy: opens its state directory (object table, name index, block bitmaps,
 * main-data cache, handle key), mounts main and shadow with MOUNT v3, and serves NFSv3 + MOUNT v3
 * on one TCP+UDP port, plus an optional portmapper advertising both. Build with {@link #builder()}.
 */
public final class ProxyServer implements AutoCloseable {
    public static final int PORTMAP_DEFAULT = -1;
    public static final int PORTMAP_NONE = -2;
    private static final Credentials PROXY_CREDENTIALS = new AuthSys(0, "rowfs-proxy", 0, 0);

    private final Builder config;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private RpcServer nfs;
    private RpcServer portmap;
    private ExecutorService workers;
    private ExecutorService disk;
    private ExecutorService writers;
    private ExecutorService namers;
    private static final int WRITE_BEHIND_THREADS = 4;
    private static final int NAMES_BEHIND_THREADS = 8;
    /** How long the client-facing event loops poll before they block, at most (ProxyCommand's default too). */
    public static final Duration DEFAULT_POLL_SPIN = Duration.ofNanos(50_000);
    static final Duration MAX_POLL_SPIN = Duration.ofMillis(10);
    /** How old the shadow's FSSTAT may be before files created behind the reply ask for another. */
    static final Duration SHADOW_ROOM_CHECK = Duration.ofSeconds(1);
    /** Bytes the shadow must have available for files to be created behind the reply. */
    static final long SHADOW_ROOM_BYTES = 64L << 20;
    /** Most changes queued behind the reply: each holds an intent, and the intent log has room for 16384. */
    static final int MAX_NAMES_BEHIND = 8192;
    /** Decoded object records kept in memory (about 200 bytes each). */
    private static final int RECORDS_CACHED = 131_072;
    private String exportPath;
    private final ProxyMetrics metrics = new ProxyMetrics();
    private MetricsHttpServer metricsHttp;

    private ProxyServer(Builder config) {
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    public synchronized ProxyServer start() throws IOException {
        try {
            Path state = Files.createDirectories(config.state);
            VirtualHandleCodec codec = new VirtualHandleCodec(SessionKey.loadOrCreate(state));
            ChronicleObjectTable objects = keep(ChronicleObjectTable.open(state, config.maxObjects));
            NameIndex names = keep(NameIndex.open(state, config.maxObjects * 2));
            BlockMapStore blocks = keep(BlockMapStore.open(state, config.maxObjects));
            IntentLog intents = keep(IntentLog.open(state));
            MainChunkCache cache = keep(MainChunkCache.open(state.resolve("cache"), config.cacheBytes, config.chunkSize));
            BackendConnection mainConn = keep(BackendConnection.mount(config.main, PROXY_CREDENTIALS, config.timeout,
                    metrics.backend("main"), config.privilegedPorts));
            BackendConnection shadowConn = keep(BackendConnection.mount(config.shadow, PROXY_CREDENTIALS,
                    config.timeout, metrics.backend("shadow"), config.privilegedPorts));
            MainStore main = new NfsMainStore(mainConn);
            namers = Executors.newFixedThreadPool(NAMES_BEHIND_THREADS, named("rowfs-proxy-namer"));
            Shadow shadow = new Shadow(new NfsShadowStore(shadowConn), namers);
            FsLimits limits = FsLimits.of(main.fsinfo(), shadow.fsinfo());
            putRoot(objects, main, shadow);

            workers = Executors.newFixedThreadPool(config.workers, named("rowfs-proxy-worker"));
            disk = Executors.newFixedThreadPool(1, named("rowfs-proxy-disk")); // cache writes only: one is enough, two contend
            MainDataFetcher fetcher = keep(new MainDataFetcher(main.dataSource(), cache, disk, config.readahead,
                    config.memoryCacheBytes, metrics.dataBytes()));
            metrics.memoryTier(fetcher::memoryBytes, fetcher::pinnedBytes);
            metrics.cacheChunks(cache::usedChunks, cache.capacityChunks());
            WriteVerifier verifier = new WriteVerifier();
            Room room = new Room(new CachedObjectTable(objects, RECORDS_CACHED), names, intents, main, shadow, codec, blocks,
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
            ProxyFs fs = new ProxyFs(room, limits);
            exportPath = config.exportPath != null ? config.exportPath : config.main.exportPath();
            WriteBehind queuedWrites = writeBehind;
            // the client-facing loops spin only while nothing queued behind a reply wants the CPU
            BooleanSupplier nothingBehind = () -> behind.queued() == 0
                    && (queuedWrites == null || queuedWrites.queuedBytes() == 0) && fetcher.inFlightCount() == 0;
            nfs = RpcServer.builder().bind(config.listen).spinBeforeBlocking(config.pollSpin, nothingBehind)
                    .program(new Nfs3Program(new ProxyNfs3Service(fs, workers, metrics)))
                    .program(new MountProgram(new ProxyMountService(room.handles(), room.names(), exportPath, workers)))
                    .build().start();
            if (config.metricsListen != null) {
                metricsHttp = MetricsHttpServer.start(config.metricsListen, metrics.registry());
            }
            if (config.portmapPort != PORTMAP_NONE) {
                PortmapRegistry registry = new PortmapRegistry();
                registry.registerServer(nfs);
                portmap = config.portmapPort == PORTMAP_DEFAULT
                        ? EmbeddedPortmapper.start(registry, config.listen.getAddress(), 0)
                        : RpcServer.builder().bind(new InetSocketAddress(config.listen.getAddress(), config.portmapPort))
                                .program(new PortmapProgram(registry)).build().start();
            }
            return this;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
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

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The NFS and MOUNT port. */
    public int port() {
        return nfs.port();
    }

    public InetSocketAddress address() {
        return nfs.localAddress();
    }

    public String exportPath() {
        return exportPath;
    }

    public ProxyMetrics metrics() {
        return metrics;
    }

    /** The metrics HTTP port, or -1 when metrics are not served. */
    public int metricsPort() {
        return metricsHttp == null ? -1 : metricsHttp.port();
    }

    public int portmapPort() {
        return portmap == null ? -1 : portmap.port();
    }

    @Override
    public synchronized void close() {
        if (metricsHttp != null) {
            metricsHttp.close();
        }
        if (portmap != null) {
            portmap.close();
        }
        if (nfs != null) {
            nfs.close();
        }
        if (workers != null) {
            workers.shutdownNow();
        }
        if (namers != null) {
            namers.shutdown(); // queued shadow CREATEs and REMOVEs still go out (their intents say so otherwise)
            try {
                namers.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (writers != null) {
            writers.shutdown(); // queued UNSTABLE writes still go out (their clients have not committed yet)
            try {
                writers.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (disk != null) {
            for (Runnable pending : disk.shutdownNow()) {
                pending.run(); // pending cache writes hold buffers: let them finish and release
            }
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

    /** Configuration. */
    public static final class Builder {
        private BackendSpec main;
        private BackendSpec shadow;
        private InetSocketAddress listen = new InetSocketAddress("127.0.0.1", 2049);
        private Path state;
        private int portmapPort = PORTMAP_NONE;
        private int blockSize = BlockGeometry.DEFAULT_BLOCK_SIZE;
        private long cacheBytes = 1L << 30;
        private long maxObjects = 1_000_000;
        private int workers = 32;
        private int readahead = 128;
        private long memoryCacheBytes = MainDataFetcher.DEFAULT_MEMORY_BYTES;
        private int chunkSize = 256 * 1024;
        private String exportPath;
        private Duration timeout = Duration.ofSeconds(60);
        private InetSocketAddress metricsListen;
        private boolean privilegedPorts;
        private long writeBehindBytes = 64L << 20;
        private int namesBehind = 512;
        private Duration pollSpin = DEFAULT_POLL_SPIN;

        /** How long the client-facing event loops poll before they block, at most (0: never). */
        public Builder pollSpin(Duration spin) {
            if (spin.isNegative() || spin.compareTo(MAX_POLL_SPIN) > 0) {
                throw new IllegalArgumentException("--poll-spin must be 0 to " + MAX_POLL_SPIN.toNanos() / 1000
                        + " microseconds, not " + spin.toNanos() / 1000);
            }
            this.pollSpin = spin;
            return this;
        }

        /** CREATEs and REMOVEs answered before the shadow makes them, at most this many queued (0: off). */
        public Builder namesBehind(int maxQueued) {
            if (maxQueued < 0 || maxQueued > MAX_NAMES_BEHIND) {
                throw new IllegalArgumentException("--names-behind must be 0 to " + MAX_NAMES_BEHIND + ", not " + maxQueued);
            }
            this.namesBehind = maxQueued;
            return this;
        }

        /** UNSTABLE writes to shadow-only files acknowledged once queued, up to this many bytes (0: off). */
        public Builder writeBehind(long bytes) {
            this.writeBehindBytes = bytes;
            return this;
        }

        /** Connect to the back ends from source ports below 1024 (needs root; knfsd's "secure" exports want it). */
        public Builder privilegedPorts(boolean enabled) {
            this.privilegedPorts = enabled;
            return this;
        }

        /** Serve Prometheus metrics on {@code where} (GET /metrics); null (the default) serves none. */
        public Builder metrics(InetSocketAddress where) {
            this.metricsListen = where;
            return this;
        }

        public Builder main(BackendSpec spec) {
            this.main = spec;
            return this;
        }

        public Builder shadow(BackendSpec spec) {
            this.shadow = spec;
            return this;
        }

        public Builder listen(InetSocketAddress where) {
            this.listen = where;
            return this;
        }

        public Builder state(Path dir) {
            this.state = dir;
            return this;
        }

        /** A port, {@link #PORTMAP_DEFAULT} (111, else ephemeral) or {@link #PORTMAP_NONE} (the default). */
        public Builder portmap(int port) {
            this.portmapPort = port;
            return this;
        }

        public Builder blockSize(int bytes) {
            this.blockSize = bytes;
            return this;
        }

        public Builder cacheBytes(long bytes) {
            this.cacheBytes = bytes;
            return this;
        }

        public Builder maxObjects(long n) {
            this.maxObjects = n;
            return this;
        }

        /** Main-data cache chunk: the unit fetched from main (a power of two, 4 KiB to 4 MiB). */
        public Builder chunkSize(int bytes) {
            this.chunkSize = bytes;
            return this;
        }

        /**
         * The largest readahead window, in chunks: a sequential reader's window starts small and
         * doubles up to this (0: no readahead).
         */
        public Builder readahead(int chunks) {
            if (chunks < 0) {
                throw new IllegalArgumentException("readahead of " + chunks + " chunks");
            }
            this.readahead = chunks;
            return this;
        }

        /** The main-data cache's memory tier: chunks just fetched, served before they reach the disk cache. */
        public Builder memoryCacheBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("memory cache of " + bytes + " bytes");
            }
            this.memoryCacheBytes = bytes;
            return this;
        }

        public Builder workers(int n) {
            this.workers = n;
            return this;
        }

        /** The path clients mount; default: main's export path. */
        public Builder exportPath(String path) {
            this.exportPath = path;
            return this;
        }

        public Builder timeout(Duration t) {
            this.timeout = t;
            return this;
        }

        public ProxyServer build() {
            Objects.requireNonNull(main, "main");
            Objects.requireNonNull(shadow, "shadow");
            Objects.requireNonNull(state, "state");
            new BlockGeometry(blockSize); // validates
            return new ProxyServer(this);
        }
    }
}
