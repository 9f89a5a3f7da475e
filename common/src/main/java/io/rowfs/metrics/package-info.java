/**
 * Counters every rowfs server exposes: a tiny registry of labelled counters
 * ({@link io.rowfs.metrics.MetricsRegistry}), their Prometheus text rendering
 * ({@link io.rowfs.metrics.PrometheusText}) and an HTTP endpoint serving it
 * ({@link io.rowfs.metrics.MetricsHttpServer}, {@code GET /metrics}). {@code rowfs stats}
 * reads that endpoint and prints a table.
 */
package io.rowfs.metrics;
