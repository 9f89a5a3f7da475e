package io.rowfs.proxy.engine;

import io.rowfs.metrics.CounterFamily;
import io.rowfs.metrics.GaugeFamily;
import io.rowfs.metrics.MetricsRegistry;
import io.rowfs.protocol.nfs3.Nfs3CallListener;
import io.rowfs.proxy.cache.ByteSourceListener;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The proxy's counters, which reproduce the original paper's RPC profile (calls clients made, and
 * calls the proxy made to main and to the shadow, by procedure) and its "bytes fetched vs image
 * size" figure (file bytes supplied by main, the local cache and the shadow):
 * <pre>
 *  rowfs_proxy_nfs_calls_total{procedure}                 calls from clients
 *  rowfs_proxy_backend_calls_total{destination,procedure} calls to main / shadow
 *  rowfs_proxy_data_bytes_total{source}                   file data from main / cache / shadow
 * </pre>
 * and gauges of what the proxy holds, to see memory and the main-data cache at work:
 * <pre>
 *  rowfs_proxy_memory_tier_bytes{state}    main data in memory: held (all), pinned (not yet in the disk cache)
 *  rowfs_proxy_cache_chunks{state}         disk cache chunks: used, capacity
 *  rowfs_proxy_direct_memory_bytes         the JVM's direct (off-heap) buffers, network buffers included
 * </pre>
 * A client call that led to no back-end call was answered locally (from the proxy's metadata and
 * cache); the difference between the first two families is that count.
 */
public final class ProxyMetrics {
    private final MetricsRegistry registry = new MetricsRegistry();
    private final CounterFamily calls = registry.counter("rowfs_proxy_nfs_calls_total",
            "NFSv3 calls received from clients, by procedure", "procedure");
    private final CounterFamily backendCalls = registry.counter("rowfs_proxy_backend_calls_total",
            "NFSv3 calls the proxy sent to its back ends, by destination and procedure", "destination", "procedure");
    private final CounterFamily dataBytes = registry.counter("rowfs_proxy_data_bytes_total",
            "File data bytes by source: main (over the wire), cache (local copy of main), shadow", "source");

    private final GaugeFamily memoryTier = registry.gauge("rowfs_proxy_memory_tier_bytes",
            "Main data in the memory tier: held (all of it), pinned (still waiting for the disk cache)", "state");
    private final GaugeFamily cacheChunks = registry.gauge("rowfs_proxy_cache_chunks",
            "Chunks of the main-data disk cache: used, capacity", "state");

    public ProxyMetrics() {
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(p -> p.getName().equals("direct")).findFirst().orElse(null);
        if (direct != null) {
            registry.gauge("rowfs_proxy_direct_memory_bytes",
                    "The JVM's direct (off-heap) buffer memory in use, network buffers included").track(direct::getMemoryUsed);
        }
    }

    /** Reports the memory tier's held and pinned bytes. */
    public void memoryTier(LongSupplier held, LongSupplier pinned) {
        memoryTier.track(held, "held");
        memoryTier.track(pinned, "pinned");
    }

    /** Reports the disk cache's used and total chunks. */
    public void cacheChunks(LongSupplier used, long capacity) {
        cacheChunks.track(used, "used");
        cacheChunks.track(() -> capacity, "capacity");
    }

    public MetricsRegistry registry() {
        return registry;
    }

    public void clientCall(String procedure) {
        calls.labels(procedure).increment();
    }

    /** Counts the calls one back end's client makes; {@code destination} is "main" or "shadow". */
    public Nfs3CallListener backend(String destination) {
        return procedure -> backendCalls.labels(destination, procedure.name()).increment();
    }

    public ByteSourceListener dataBytes() {
        return (source, bytes) -> dataBytes.labels(source.name().toLowerCase(Locale.ROOT)).add(bytes);
    }
}
