/** Benchmarks that measure rowfs against a real peer in the same run and print ratios. */
package io.rowfs.bench;
