package io.rowfs.proxy.engine;

import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Nfs3CallListener;
import io.rowfs.proxy.backend.BackendConnection;
import io.rowfs.proxy.backend.BackendSpec;
import io.rowfs.proxy.backend.NfsMainStore;
import io.rowfs.proxy.cache.ByteSourceListener;
import io.rowfs.proxy.cache.MainChunkCache;
import io.rowfs.proxy.cache.MainDataFetcher;
import io.rowfs.proxy.store.MainStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The main-data cache and fetcher of one main image, which several {@link ProxyEngine}s in one JVM
 * can share (the appliance runs one engine per guest session): a chunk fetched for one engine is
 * served to all from memory or the disk cache, and one fetch per chunk serves them all. Main's data
 * is read-only per image version, so a chunk is the same for every engine; chunks are keyed by
 * main's file handles, so engines sharing one must mount the same main (checked by its root
 * handle).
 *
 * <p>Owns the disk cache ({@code MainChunkCache}), the one thread writing it, and the fetcher with
 * its memory tier; when made by {@link #mount}, also its own connection to main. An engine given
 * none makes its own over its main connection, in its state directory ({@code STATE/cache}), and
 * closes it; one given a shared instance leaves it open for its other users. File bytes are counted
 * by the listener given here (main, cache), for every engine that reads through it.
 */
public final class MainData implements AutoCloseable {
    /** The sizes of the cache and the fetcher's readahead and memory tier (see {@code rowfs proxy}'s options). */
    public record Sizes(long cacheBytes, int chunkSize, int readahead, long memoryCacheBytes) {
        public static final Sizes DEFAULT = new Sizes(1L << 30, 256 * 1024, 128, MainDataFetcher.DEFAULT_MEMORY_BYTES);
    }

    private final FileHandle mainRoot;
    private final MainChunkCache cache;
    private final MainDataFetcher fetcher;
    private final ExecutorService disk;
    /** Closed after the fetcher and the cache (a connection of our own). */
    private final AutoCloseable connection;

    private MainData(FileHandle mainRoot, MainChunkCache cache, MainDataFetcher fetcher, ExecutorService disk,
                     AutoCloseable connection) {
        this.mainRoot = mainRoot;
        this.cache = cache;
        this.fetcher = fetcher;
        this.disk = disk;
        this.connection = connection;
    }

    /**
     * Opens the disk cache in {@code cacheDir} and a fetcher reading {@code main}'s data; {@code
     * main}'s connection stays its owner's.
     */
    public static MainData open(MainStore main, Path cacheDir, Sizes sizes, ByteSourceListener bytes) throws IOException {
        return open(main, cacheDir, sizes, bytes, null);
    }

    /**
     * Mounts {@code spec} (as the proxy: root credentials, {@code calls} told of every call) and
     * opens the cache and fetcher over it; closing closes the connection too. For engines sharing
     * main data.
     */
    public static MainData mount(BackendSpec spec, Duration timeout, boolean privilegedPorts, Nfs3CallListener calls,
                                 Path cacheDir, Sizes sizes, ByteSourceListener bytes) throws IOException {
        BackendConnection conn = BackendConnection.mount(spec, ProxyEngine.PROXY_CREDENTIALS, timeout, calls,
                privilegedPorts);
        try {
            return open(new NfsMainStore(conn), cacheDir, sizes, bytes, conn);
        } catch (IOException | RuntimeException e) {
            conn.close();
            throw e;
        }
    }

    private static MainData open(MainStore main, Path cacheDir, Sizes sizes, ByteSourceListener bytes,
                                 AutoCloseable connection) throws IOException {
        MainChunkCache cache = MainChunkCache.open(cacheDir, sizes.cacheBytes(), sizes.chunkSize());
        ExecutorService disk = Executors.newFixedThreadPool(1, ProxyEngine.named("rowfs-proxy-disk")); // cache writes only: one is enough, two contend
        MainDataFetcher fetcher = new MainDataFetcher(main.dataSource(), cache, disk, sizes.readahead(),
                sizes.memoryCacheBytes(), bytes);
        return new MainData(main.root(), cache, fetcher, disk, connection);
    }

    public MainDataFetcher fetcher() {
        return fetcher;
    }

    public MainChunkCache cache() {
        return cache;
    }

    /** Main's root handle: engines sharing this must have mounted the same main. */
    public FileHandle mainRoot() {
        return mainRoot;
    }

    /** Throws unless {@code root} is the root handle of the main this was made for. */
    void requireSameMain(FileHandle root) {
        if (!mainRoot.equals(root)) {
            throw new IllegalArgumentException("the shared main-data cache belongs to another main image (root handle "
                    + mainRoot + ", this engine's main has " + root + ")");
        }
    }

    /** Finishes the pending cache writes (they hold buffers), then closes the fetcher, the cache and any own connection. */
    @Override
    public void close() {
        for (Runnable pending : disk.shutdownNow()) {
            pending.run(); // pending cache writes hold buffers: let them finish and release
        }
        List<AutoCloseable> order = new ArrayList<>(List.of(fetcher, cache));
        if (connection != null) {
            order.add(connection);
        }
        for (AutoCloseable c : order) {
            try {
                c.close();
            } catch (Exception e) {
                // closing: nothing left to do
            }
        }
    }
}
