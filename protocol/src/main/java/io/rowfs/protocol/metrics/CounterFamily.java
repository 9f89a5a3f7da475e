package io.rowfs.protocol.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Counters sharing a name and label names, one per combination of label values, e.g.
 * {@code rowfs_nfs_calls_total{procedure="READ",destination="cache"}}. Thread-safe.
 */
public final class CounterFamily {
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
        if (values.length != labelNames.size()) {
            throw new IllegalArgumentException(name + " takes labels " + labelNames + ", got " + Arrays.toString(values));
        }
        return children.computeIfAbsent(List.of(values), v -> new Counter());
    }

    public String name() {
        return name;
    }

    public String help() {
        return help;
    }

    public List<String> labelNames() {
        return labelNames;
    }

    /** A consistent-enough copy of the current values, keyed by label values. */
    public Map<List<String>, Long> snapshot() {
        Map<List<String>, Long> out = new java.util.TreeMap<>(CounterFamily::compareLabels);
        children.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private static int compareLabels(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
