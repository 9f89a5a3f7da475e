package io.rowfs.protocol.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Gauges sharing a name and label names: values that go up and down (bytes held, entries used),
 * each read from its owner when the metrics are rendered, e.g.
 * {@code rowfs_proxy_memory_tier_bytes{state="pinned"}}. Thread-safe; the suppliers must be too.
 */
public final class GaugeFamily implements MetricFamily {
    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final ConcurrentMap<List<String>, LongSupplier> children = new ConcurrentHashMap<>();

    GaugeFamily(String name, String help, List<String> labelNames) {
        this.name = name;
        this.help = help;
        this.labelNames = List.copyOf(labelNames);
    }

    /** Reports {@code value} for these label values from now on (replacing an earlier supplier). */
    public void track(LongSupplier value, String... labelValues) {
        children.put(LabelValues.of(name, labelNames, labelValues), value);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String help() {
        return help;
    }

    @Override
    public String type() {
        return "gauge";
    }

    @Override
    public List<String> labelNames() {
        return labelNames;
    }

    @Override
    public Map<List<String>, Long> snapshot() {
        Map<List<String>, Long> out = new java.util.TreeMap<>(LabelValues::compare);
        children.forEach((k, v) -> out.put(k, v.getAsLong()));
        return out;
    }
}
