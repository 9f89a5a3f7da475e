package io.rowfs.proxy.engine;

import io.rowfs.proxy.backend.BackendSpec;
import io.rowfs.proxy.blocks.BlockGeometry;
import io.rowfs.proxy.cache.MainDataFetcher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link ProxyEngine} is made of: main, the shadow (an NFS server or a directory served in
 * process), the state directory, and the sizes of its tables, caches and queues. Setters validate
 * and return this; {@link #validate()} checks the whole (main, state, exactly one shadow). Not
 * thread-safe: fill it on one thread, then start engines from it.
 */
public final class EngineConfig {
    /** Most changes queued behind the reply: each holds an intent, and the intent log has room for 16384. */
    static final int MAX_NAMES_BEHIND = 8192;

    BackendSpec main;
    BackendSpec shadow;
    Path shadowDir;
    Path state;
    int blockSize = BlockGeometry.DEFAULT_BLOCK_SIZE;
    long cacheBytes = 1L << 30;
    long maxObjects = 1_000_000;
    int workers = 32;
    int readahead = 128;
    long memoryCacheBytes = MainDataFetcher.DEFAULT_MEMORY_BYTES;
    int chunkSize = 256 * 1024;
    String exportPath;
    Duration timeout = Duration.ofSeconds(60);
    boolean privilegedPorts;
    long writeBehindBytes = 64L << 20;
    int namesBehind = 512;
    MainData sharedMainData;

    /** CREATEs and REMOVEs answered before the shadow makes them, at most this many queued (0: off). */
    public EngineConfig namesBehind(int maxQueued) {
        if (maxQueued < 0 || maxQueued > MAX_NAMES_BEHIND) {
            throw new IllegalArgumentException("--names-behind must be 0 to " + MAX_NAMES_BEHIND + ", not " + maxQueued);
        }
        this.namesBehind = maxQueued;
        return this;
    }

    /** UNSTABLE writes to shadow-only files acknowledged once queued, up to this many bytes (0: off). */
    public EngineConfig writeBehind(long bytes) {
        this.writeBehindBytes = bytes;
        return this;
    }

    /** Connect to the back ends from source ports below 1024 (needs root; knfsd's "secure" exports want it). */
    public EngineConfig privilegedPorts(boolean enabled) {
        this.privilegedPorts = enabled;
        return this;
    }

    public EngineConfig main(BackendSpec spec) {
        this.main = spec;
        return this;
    }

    /** The shadow on an NFSv3 server (exclusive with {@link #shadowDir}). */
    public EngineConfig shadow(BackendSpec spec) {
        this.shadow = spec;
        return this;
    }

    /**
     * The shadow as a directory served in this process ({@code backend.LocalShadowStore}), its own
     * state in {@code STATE/shadow} (exclusive with {@link #shadow}).
     */
    public EngineConfig shadowDir(Path dir) {
        this.shadowDir = dir;
        return this;
    }

    public EngineConfig state(Path dir) {
        this.state = dir;
        return this;
    }

    public EngineConfig blockSize(int bytes) {
        this.blockSize = bytes;
        return this;
    }

    public EngineConfig cacheBytes(long bytes) {
        this.cacheBytes = bytes;
        return this;
    }

    public EngineConfig maxObjects(long n) {
        this.maxObjects = n;
        return this;
    }

    /** Main-data cache chunk: the unit fetched from main (a power of two, 4 KiB to 4 MiB). */
    public EngineConfig chunkSize(int bytes) {
        this.chunkSize = bytes;
        return this;
    }

    /**
     * The largest readahead window, in chunks: a sequential reader's window starts small and
     * doubles up to this (0: no readahead).
     */
    public EngineConfig readahead(int chunks) {
        if (chunks < 0) {
            throw new IllegalArgumentException("readahead of " + chunks + " chunks");
        }
        this.readahead = chunks;
        return this;
    }

    /** The main-data cache's memory tier: chunks just fetched, served before they reach the disk cache. */
    public EngineConfig memoryCacheBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("memory cache of " + bytes + " bytes");
        }
        this.memoryCacheBytes = bytes;
        return this;
    }

    /**
     * Main data shared with other engines of the same main (left open when the engine closes);
     * the cache sizes set here are then unused. Default: the engine opens its own in {@code STATE/cache}.
     */
    public EngineConfig mainData(MainData shared) {
        this.sharedMainData = shared;
        return this;
    }

    public EngineConfig workers(int n) {
        this.workers = n;
        return this;
    }

    /** The path clients mount; default: main's export path. */
    public EngineConfig exportPath(String path) {
        this.exportPath = path;
        return this;
    }

    public EngineConfig timeout(Duration t) {
        this.timeout = t;
        return this;
    }

    /** The sizes of the main data an engine opens for itself. */
    MainData.Sizes mainDataSizes() {
        return new MainData.Sizes(cacheBytes, chunkSize, readahead, memoryCacheBytes);
    }

    /** Checks what only the whole can show; throws IllegalArgumentException or NullPointerException, one line. */
    public EngineConfig validate() {
        Objects.requireNonNull(main, "main");
        Objects.requireNonNull(state, "state");
        if (shadow != null && shadowDir != null) {
            throw new IllegalArgumentException("give the shadow as --shadow HOST:PORT:/export or --shadow-dir DIR, not both");
        }
        if (shadow == null && shadowDir == null) {
            throw new IllegalArgumentException("no shadow: give --shadow HOST:PORT:/export or --shadow-dir DIR");
        }
        new BlockGeometry(blockSize); // validates
        return this;
    }
}
