package io.rowfs.metrics;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * Gauges sharing a name and label names: values that go up and down (bytes held, entries used),
 * each read from its owner when the metrics are rendered, e.g.
 * {@code rowfs_proxy_memory_tier_bytes{state="pinned"}}. Thread-safe; the suppliers must be too.
 */
public final class GaugeFamily extends LabelledFamily<LongSupplier> {
    GaugeFamily(String name, String help, List<String> labelNames) {
        super(name, help, labelNames, LongSupplier::getAsLong);
    }

    /** Reports {@code value} for these label values from now on (replacing an earlier supplier). */
    public void track(LongSupplier value, String... labelValues) {
        put(key(labelValues), value);
    }

    @Override
    public String type() {
        return "gauge";
    }
}
