package io.rowfs.tests.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.metrics.PrometheusTextParser;
import io.rowfs.metrics.PrometheusTextParser.Sample;
import io.rowfs.proxy.server.ProxyServer;
import io.rowfs.tests.peers.Libnfs;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The proxy's Prometheus counters against real peers (ganesha main, shadow server): bytes from main
 * equal the image bytes read once, a second read comes from the cache, written data is read back
 * from the shadow, and no mutating procedure ever reaches main; the gauges show the image in the
 * disk cache and nothing left waiting for it.
 */
@Tag("peer")
class ProxyMetricsTest extends ProxyPeerTestBase {
    private static final Set<String> MUTATING = Set.of("SETATTR", "WRITE", "CREATE", "MKDIR", "SYMLINK", "MKNOD",
            "REMOVE", "RMDIR", "RENAME", "LINK", "COMMIT");

    @Test
    void countersReproduceTheRpcProfileAndBytesFetched() throws Exception {
        byte[] image = new byte[2 << 20];
        new Random(9).nextBytes(image);
        Files.write(mainDir.resolve("image.bin"), image);
        byte[] local = new byte[300_000];
        new Random(10).nextBytes(local);
        Files.write(work.resolve("local.bin"), local);

        try (ProxyStack stack = rig().proxyOptions(p -> p.metrics(new InetSocketAddress("127.0.0.1", 0))).start()) {
            ProxyServer proxy = stack.proxy;
            Libnfs nfs = Libnfs.host();
            assertArrayEquals(image, nfs.cat(ProxyRig.url(proxy, "image.bin")));
            List<Sample> first = scrape(proxy);
            assertEquals(image.length, value(first, "rowfs_proxy_data_bytes_total", Map.of("source", "main")),
                    "each main byte crossed the wire once");
            assertTrue(value(first, "rowfs_proxy_backend_calls_total", Map.of("destination", "main", "procedure", "READ")) > 0);
            assertTrue(value(first, "rowfs_proxy_nfs_calls_total", Map.of("procedure", "READ")) > 0);

            assertArrayEquals(image, nfs.cat(ProxyRig.url(proxy, "image.bin")));
            List<Sample> second = scrape(proxy);
            assertEquals(image.length, value(second, "rowfs_proxy_data_bytes_total", Map.of("source", "main")),
                    "the second read fetched nothing from main");
            assertTrue(value(second, "rowfs_proxy_data_bytes_total", Map.of("source", "cache")) >= image.length);
            int chunks = image.length / (256 << 10); // the default chunk size
            assertTrue(value(second, "rowfs_proxy_cache_chunks", Map.of("state", "used")) >= chunks, "the image is in the disk cache");
            assertTrue(value(second, "rowfs_proxy_cache_chunks", Map.of("state", "capacity"))
                    > value(second, "rowfs_proxy_cache_chunks", Map.of("state", "used")));
            assertTrue(value(second, "rowfs_proxy_memory_tier_bytes", Map.of("state", "held")) > 0, "chunks just fetched are held");
            assertTrue(value(second, "rowfs_proxy_direct_memory_bytes", Map.of()) > 0);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (value(scrape(proxy), "rowfs_proxy_memory_tier_bytes", Map.of("state", "pinned")) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, value(scrape(proxy), "rowfs_proxy_memory_tier_bytes", Map.of("state", "pinned")),
                    "nothing waits for the disk cache once it has caught up");

            nfs.upload(work.resolve("local.bin"), ProxyRig.url(proxy, "local.bin"));
            assertArrayEquals(local, nfs.cat(ProxyRig.url(proxy, "local.bin")));
            List<Sample> third = scrape(proxy);
            assertTrue(value(third, "rowfs_proxy_data_bytes_total", Map.of("source", "shadow")) >= local.length);
            assertTrue(value(third, "rowfs_proxy_backend_calls_total", Map.of("destination", "shadow", "procedure", "WRITE")) > 0);
            for (Sample s : third) {
                if (s.name().equals("rowfs_proxy_backend_calls_total") && s.labels().get("destination").equals("main")) {
                    assertTrue(!MUTATING.contains(s.labels().get("procedure")), "main got a mutating call: " + s);
                }
            }
        }
    }

    private static List<Sample> scrape(ProxyServer proxy) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + proxy.metricsPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return PrometheusTextParser.parse(r.body());
    }

    private static double value(List<Sample> samples, String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels))
                .mapToDouble(Sample::value).findFirst().orElse(0);
    }
}
