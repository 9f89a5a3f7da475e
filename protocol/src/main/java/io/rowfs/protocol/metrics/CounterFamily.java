package io.rowfs.protocol.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Counters sharing a name and label names, one per combination of label values, e.g.
 * {@code rowfs_nfs_calls_total{procedure="READ",destination="cache"}}. Thread-safe.
 */
public final class CounterFamily implements MetricFamily {
    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final ConcurrentMap<List<String>, Counter> children = new ConcurrentHashMap<>();

    CounterFamily(String name, String help, List<String> labelNames) {
        this.name = name;
        this.help = help;
        this.labelNames = List.copyOf(labelNames);
    }

    /** The counter for these label values (created on first use). */
    public Counter labels(String... values) {
        return children.computeIfAbsent(LabelValues.of(name, labelNames, values), v -> new Counter());
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
        return "counter";
    }

    @Override
    public List<String> labelNames() {
        return labelNames;
    }

    @Override
    public Map<List<String>, Long> snapshot() {
        Map<List<String>, Long> out = new java.util.TreeMap<>(LabelValues::compare);
        children.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

}
