package io.rowfs.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void rendersAndParsesBackIncludingEscapes() {
        MetricsRegistry r = new MetricsRegistry();
        CounterFamily calls = r.counter("rowfs_nfs_calls_total", "NFS calls\nby procedure", "procedure", "destination");
        calls.labels("READ", "cache").add(41);
        calls.labels("READ", "cache").increment();
        calls.labels("WRITE", "sha\"dow\\").increment();
        r.counter("rowfs_up", "always 1").labels().increment();
        String text = PrometheusText.render(r);
        assertTrue(text.contains("# HELP rowfs_nfs_calls_total NFS calls\\nby procedure\n"), text);
        assertTrue(text.contains("rowfs_nfs_calls_total{procedure=\"READ\",destination=\"cache\"} 42\n"), text);
        assertTrue(text.contains("rowfs_up 1\n"), text);
        List<PrometheusTextParser.Sample> samples = PrometheusTextParser.parse(text);
        assertEquals(3, samples.size());
        assertTrue(samples.contains(new PrometheusTextParser.Sample("rowfs_nfs_calls_total",
                Map.of("procedure", "WRITE", "destination", "sha\"dow\\"), 1)));
    }

    @Test
    void rejectsBadNamesLabelsAndDecrements() {
        MetricsRegistry r = new MetricsRegistry();
        assertThrows(IllegalArgumentException.class, () -> r.counter("bad-name", "x"));
        assertThrows(IllegalArgumentException.class, () -> r.counter("ok", "x", "bad-label"));
        CounterFamily f = r.counter("ok", "x", "a");
        assertThrows(IllegalArgumentException.class, () -> r.counter("ok", "x", "b"));
        assertThrows(IllegalArgumentException.class, () -> f.labels("1", "2"));
        assertThrows(IllegalArgumentException.class, () -> f.labels("1").add(-1));
        assertThrows(IllegalArgumentException.class, () -> PrometheusTextParser.parse("nonsense"));
    }

    @Test
    void gaugesReadTheirValueWhenRenderedAndGoDownToo() {
        MetricsRegistry r = new MetricsRegistry();
        java.util.concurrent.atomic.AtomicLong pinned = new java.util.concurrent.atomic.AtomicLong(4096);
        GaugeFamily memory = r.gauge("rowfs_memory_bytes", "bytes held", "state");
        memory.track(pinned::get, "pinned");
        memory.track(() -> 7, "held");
        String text = PrometheusText.render(r);
        assertTrue(text.contains("# TYPE rowfs_memory_bytes gauge\n"), text);
        assertTrue(text.contains("rowfs_memory_bytes{state=\"pinned\"} 4096\n"), text);
        pinned.set(0);
        assertTrue(PrometheusText.render(r).contains("rowfs_memory_bytes{state=\"pinned\"} 0\n"), "read again at each rendering");
        assertEquals(2, PrometheusTextParser.parse(PrometheusText.render(r)).size());
        assertThrows(IllegalArgumentException.class, () -> memory.track(() -> 1), "one value per label");
        assertThrows(IllegalArgumentException.class, () -> r.counter("rowfs_memory_bytes", "x", "state"), "a gauge is not a counter");
        assertEquals(memory, r.gauge("rowfs_memory_bytes", "bytes held", "state"));
    }

    @Test
    void servesMetricsOverHttp() throws Exception {
        MetricsRegistry r = new MetricsRegistry();
        r.counter("rowfs_bytes_total", "bytes", "source").labels("main").add(4096);
        try (MetricsHttpServer server = MetricsHttpServer.start(new InetSocketAddress("127.0.0.1", 0), r)) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode());
            assertTrue(ok.headers().firstValue("content-type").orElse("").startsWith("text/plain; version=0.0.4"));
            assertTrue(ok.body().contains("rowfs_bytes_total{source=\"main\"} 4096"));
            assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(base + "/other")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(405, http.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            IOException taken = assertThrows(IOException.class,
                    () -> MetricsHttpServer.start(new InetSocketAddress("127.0.0.1", server.port()), r));
            assertTrue(taken.getMessage().contains("cannot serve metrics on"), taken.getMessage());
        }
    }
}
