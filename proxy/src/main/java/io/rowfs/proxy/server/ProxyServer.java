package io.rowfs.proxy.server;

import io.rowfs.metrics.MetricsHttpServer;
import io.rowfs.protocol.mount.MountProgram;
import io.rowfs.protocol.nfs3.Nfs3Program;
import io.rowfs.protocol.portmap.EmbeddedPortmapper;
import io.rowfs.protocol.transport.RpcServer;
import io.rowfs.proxy.backend.BackendSpec;
import io.rowfs.proxy.engine.EngineConfig;
import io.rowfs.proxy.engine.MainData;
import io.rowfs.proxy.engine.ProxyEngine;
import io.rowfs.proxy.engine.ProxyMetrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The redirect-on-write proxy as a server: a {@link ProxyEngine} (state, back ends, caches; started
 * here from the builder's options, or given) served over NFSv3 + MOUNT v3 on one TCP+UDP port, plus
 * an optional portmapper advertising both and an optional metrics HTTP endpoint. Build with
 * {@link #builder()}.
 */
public final class ProxyServer implements AutoCloseable {
    public static final int PORTMAP_DEFAULT = EmbeddedPortmapper.DEFAULT_PORT;
    public static final int PORTMAP_NONE = EmbeddedPortmapper.NONE;
    /** How long the client-facing event loops poll before they block, at most (ProxyCommand's default too). */
    public static final Duration DEFAULT_POLL_SPIN = Duration.ofNanos(50_000);
    static final Duration MAX_POLL_SPIN = Duration.ofMillis(10);

    private final Builder config;
    private ProxyEngine engine;
    private boolean ownsEngine;
    private RpcServer nfs;
    private RpcServer portmap;
    private MetricsHttpServer metricsHttp;

    private ProxyServer(Builder config) {
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    public synchronized ProxyServer start() throws IOException {
        try {
            ownsEngine = config.givenEngine == null;
            engine = ownsEngine ? ProxyEngine.start(config.engine) : config.givenEngine;
            ProxyEngine e = engine;
            nfs = RpcServer.builder().bind(config.listen).spinBeforeBlocking(config.pollSpin, e::nothingBehind)
                    .program(new Nfs3Program(new ProxyNfs3Service(e.fs(), e.workers(), e.metrics())))
                    .program(new MountProgram(new ProxyMountService(e.room().handles(), e.room().names(), e.exportPath(), e.workers())))
                    .build().start();
            if (config.metricsListen != null) {
                metricsHttp = MetricsHttpServer.start(config.metricsListen, e.metrics().registry());
            }
            portmap = EmbeddedPortmapper.advertise(nfs, config.listen.getAddress(), config.portmapPort);
            return this;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The NFS and MOUNT port. */
    public int port() {
        return nfs.port();
    }

    public InetSocketAddress address() {
        return nfs.localAddress();
    }

    public String exportPath() {
        return engine.exportPath();
    }

    public ProxyMetrics metrics() {
        return engine.metrics();
    }

    /** The engine this server serves. */
    public ProxyEngine engine() {
        return engine;
    }

    /** The metrics HTTP port, or -1 when metrics are not served. */
    public int metricsPort() {
        return metricsHttp == null ? -1 : metricsHttp.port();
    }

    public int portmapPort() {
        return portmap == null ? -1 : portmap.port();
    }

    /** Stops serving, then closes the engine if this server started it. */
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
        if (engine != null && ownsEngine) {
            engine.close();
        }
    }

    /** Configuration: the front end's, and the engine's ({@link EngineConfig}) unless an engine is given. */
    public static final class Builder {
        private final EngineConfig engine = new EngineConfig();
        private ProxyEngine givenEngine;
        private InetSocketAddress listen = new InetSocketAddress("127.0.0.1", 2049);
        private int portmapPort = PORTMAP_NONE;
        private InetSocketAddress metricsListen;
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

        /** Serve a started engine instead of starting one (the server then leaves it open when it closes). */
        public Builder engine(ProxyEngine started) {
            this.givenEngine = started;
            return this;
        }

        /** CREATEs and REMOVEs answered before the shadow makes them, at most this many queued (0: off). */
        public Builder namesBehind(int maxQueued) {
            engine.namesBehind(maxQueued);
            return this;
        }

        /** UNSTABLE writes to shadow-only files acknowledged once queued, up to this many bytes (0: off). */
        public Builder writeBehind(long bytes) {
            engine.writeBehind(bytes);
            return this;
        }

        /** Connect to the back ends from source ports below 1024 (needs root; knfsd's "secure" exports want it). */
        public Builder privilegedPorts(boolean enabled) {
            engine.privilegedPorts(enabled);
            return this;
        }

        /** Serve Prometheus metrics on {@code where} (GET /metrics); null (the default) serves none. */
        public Builder metrics(InetSocketAddress where) {
            this.metricsListen = where;
            return this;
        }

        public Builder main(BackendSpec spec) {
            engine.main(spec);
            return this;
        }

        /** The shadow on an NFSv3 server (exclusive with {@link #shadowDir}). */
        public Builder shadow(BackendSpec spec) {
            engine.shadow(spec);
            return this;
        }

        /** The shadow as a directory served in the proxy's process (exclusive with {@link #shadow}). */
        public Builder shadowDir(Path dir) {
            engine.shadowDir(dir);
            return this;
        }

        public Builder listen(InetSocketAddress where) {
            this.listen = where;
            return this;
        }

        public Builder state(Path dir) {
            engine.state(dir);
            return this;
        }

        /** A port, {@link #PORTMAP_DEFAULT} (111, else ephemeral) or {@link #PORTMAP_NONE} (the default). */
        public Builder portmap(int port) {
            this.portmapPort = port;
            return this;
        }

        public Builder blockSize(int bytes) {
            engine.blockSize(bytes);
            return this;
        }

        public Builder cacheBytes(long bytes) {
            engine.cacheBytes(bytes);
            return this;
        }

        public Builder maxObjects(long n) {
            engine.maxObjects(n);
            return this;
        }

        /** Main-data cache chunk: the unit fetched from main (a power of two, 4 KiB to 4 MiB). */
        public Builder chunkSize(int bytes) {
            engine.chunkSize(bytes);
            return this;
        }

        /**
         * The largest readahead window, in chunks: a sequential reader's window starts small and
         * doubles up to this (0: no readahead).
         */
        public Builder readahead(int chunks) {
            engine.readahead(chunks);
            return this;
        }

        /** The main-data cache's memory tier: chunks just fetched, served before they reach the disk cache. */
        public Builder memoryCacheBytes(long bytes) {
            engine.memoryCacheBytes(bytes);
            return this;
        }

        /** Main data shared with other engines of the same main (see {@link EngineConfig#mainData}). */
        public Builder mainData(MainData shared) {
            engine.mainData(shared);
            return this;
        }

        public Builder workers(int n) {
            engine.workers(n);
            return this;
        }

        /** The path clients mount; default: main's export path. */
        public Builder exportPath(String path) {
            engine.exportPath(path);
            return this;
        }

        public Builder timeout(Duration t) {
            engine.timeout(t);
            return this;
        }

        public ProxyServer build() {
            if (givenEngine == null) {
                engine.validate();
            }
            return new ProxyServer(this);
        }
    }
}
