package io.rowfs.protocol.metrics;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** The counter families of one server process. Thread-safe. */
public final class MetricsRegistry {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private final Map<String, CounterFamily> families = new ConcurrentHashMap<>();

    /**
     * Registers (or returns the already registered) counter family. Names follow Prometheus rules;
     * registering one name twice with other label names is a programming error.
     */
    public CounterFamily counter(String name, String help, String... labelNames) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad metric name " + name);
        }
        for (String l : labelNames) {
            if (!LABEL.matcher(l).matches()) {
                throw new IllegalArgumentException("bad label name " + l);
            }
        }
        CounterFamily f = families.computeIfAbsent(name, n -> new CounterFamily(n, help, List.of(labelNames)));
        if (!f.labelNames().equals(List.of(labelNames))) {
            throw new IllegalArgumentException(name + " is registered with labels " + f.labelNames());
        }
        return f;
    }

    public Collection<CounterFamily> families() {
        return new java.util.TreeMap<>(families).values();
    }
}
