package io.rowfs.protocol.metrics;

import java.util.Arrays;
import java.util.List;

/** Label-value checks and ordering shared by the metric families. */
final class LabelValues {
    private LabelValues() {
    }

    /** The values as a key, after checking there is one per label name. */
    static List<String> of(String family, List<String> labelNames, String... values) {
        if (values.length != labelNames.size()) {
            throw new IllegalArgumentException(family + " takes labels " + labelNames + ", got " + Arrays.toString(values));
        }
        return List.of(values);
    }

    /** Orders keys by their values, label by label. */
    static int compare(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
