package io.rowfs.metrics;

import java.util.List;
import java.util.Map;

/**
 * Renders a registry in the Prometheus text exposition format (version 0.0.4):
 * <pre>
 * # HELP rowfs_nfs_calls_total NFS calls by procedure and destination
 * # TYPE rowfs_nfs_calls_total counter
 * rowfs_nfs_calls_total{procedure="READ",destination="cache"} 42
 * # HELP rowfs_proxy_memory_tier_bytes ...
 * # TYPE rowfs_proxy_memory_tier_bytes gauge
 * rowfs_proxy_memory_tier_bytes{state="pinned"} 1048576
 * </pre>
 * Label values escape backslash, double quote and newline; HELP text escapes backslash and newline.
 */
public final class PrometheusText {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    public static String render(MetricsRegistry registry) {
        StringBuilder out = new StringBuilder();
        for (MetricFamily f : registry.families()) {
            out.append("# HELP ").append(f.name()).append(' ')
                    .append(f.help().replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
            out.append("# TYPE ").append(f.name()).append(' ').append(f.type()).append('\n');
            for (Map.Entry<List<String>, Long> e : f.snapshot().entrySet()) {
                out.append(f.name());
                appendLabels(out, f.labelNames(), e.getKey());
                out.append(' ').append(e.getValue()).append('\n');
            }
        }
        return out.toString();
    }

    private static void appendLabels(StringBuilder out, List<String> names, List<String> values) {
        if (names.isEmpty()) {
            return;
        }
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(names.get(i)).append("=\"").append(values.get(i).replace("\\", "\\\\")
                    .replace("\"", "\\\"").replace("\n", "\\n")).append('"');
        }
        out.append('}');
    }
}
