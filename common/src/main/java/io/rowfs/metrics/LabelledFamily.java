package io.rowfs.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * What a counter family and a gauge family share: a name, help text, label names, and one child
 * ({@code C}, a counter or a value supplier) per combination of label values. Thread-safe.
 */
abstract class LabelledFamily<C> implements MetricFamily {
    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final ConcurrentMap<List<String>, C> children = new ConcurrentHashMap<>();
    private final ToLongFunction<C> read;

    LabelledFamily(String name, String help, List<String> labelNames, ToLongFunction<C> read) {
        this.name = name;
        this.help = help;
        this.labelNames = List.copyOf(labelNames);
        this.read = read;
    }

    /** The values as a key, after checking there is one per label name. */
    final List<String> key(String... values) {
        if (values.length != labelNames.size()) {
            throw new IllegalArgumentException(name + " takes labels " + labelNames + ", got " + Arrays.toString(values));
        }
        return List.of(values);
    }

    final C child(List<String> key, Function<List<String>, C> create) {
        return children.computeIfAbsent(key, create);
    }

    final void put(List<String> key, C child) {
        children.put(key, child);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String help() {
        return help;
    }

    @Override
    public final List<String> labelNames() {
        return labelNames;
    }

    @Override
    public final Map<List<String>, Long> snapshot() {
        Map<List<String>, Long> out = new TreeMap<>(LabelledFamily::compare);
        children.forEach((k, v) -> out.put(k, read.applyAsLong(v)));
        return out;
    }

    /** Orders keys by their values, label by label. */
    private static int compare(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
