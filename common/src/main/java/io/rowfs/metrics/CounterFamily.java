package io.rowfs.metrics;

import java.util.List;

/**
 * Counters sharing a name and label names, one per combination of label values, e.g.
 * {@code rowfs_nfs_calls_total{procedure="READ",destination="cache"}}. Thread-safe.
 */
public final class CounterFamily extends LabelledFamily<Counter> {
    CounterFamily(String name, String help, List<String> labelNames) {
        super(name, help, labelNames, Counter::get);
    }

    /** The counter for these label values (created on first use). */
    public Counter labels(String... values) {
        return child(key(values), v -> new Counter());
    }

    @Override
    public String type() {
        return "counter";
    }
}
