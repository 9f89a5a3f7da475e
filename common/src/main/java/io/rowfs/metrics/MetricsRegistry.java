package io.rowfs.metrics;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** The metric families (counters and gauges) of one server process. Thread-safe. */
public final class MetricsRegistry {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private final Map<String, MetricFamily> families = new ConcurrentHashMap<>();

    /**
     * Registers (or returns the already registered) counter family. Names follow Prometheus rules;
     * registering one name twice with another type or other label names is a programming error.
     */
    public CounterFamily counter(String name, String help, String... labelNames) {
        return register(CounterFamily.class, name, labelNames, () -> new CounterFamily(name, help, List.of(labelNames)));
    }

    /** As {@link #counter}, for a gauge family. */
    public GaugeFamily gauge(String name, String help, String... labelNames) {
        return register(GaugeFamily.class, name, labelNames, () -> new GaugeFamily(name, help, List.of(labelNames)));
    }

    private <F extends MetricFamily> F register(Class<F> type, String name, String[] labelNames, Supplier<F> create) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad metric name " + name);
        }
        for (String l : labelNames) {
            if (!LABEL.matcher(l).matches()) {
                throw new IllegalArgumentException("bad label name " + l);
            }
        }
        MetricFamily f = families.computeIfAbsent(name, n -> create.get());
        if (!type.isInstance(f)) {
            throw new IllegalArgumentException(name + " is registered as a " + f.type());
        }
        if (!f.labelNames().equals(List.of(labelNames))) {
            throw new IllegalArgumentException(name + " is registered with labels " + f.labelNames());
        }
        return type.cast(f);
    }

    /** Every family, by name. */
    public Collection<MetricFamily> families() {
        return new java.util.TreeMap<>(families).values();
    }
}
