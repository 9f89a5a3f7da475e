package io.rowfs.metrics;

import java.util.List;
import java.util.Map;

/** Samples sharing a name, a type and label names, one per combination of label values. */
public interface MetricFamily {
    String name();

    String help();

    /** The Prometheus type: "counter" or "gauge". */
    String type();

    List<String> labelNames();

    /** A consistent-enough copy of the current values, keyed by label values in label order. */
    Map<List<String>, Long> snapshot();
}
