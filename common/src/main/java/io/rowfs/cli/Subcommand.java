package io.rowfs.cli;

import java.util.concurrent.Callable;

/**
 * A {@code rowfs} subcommand: a picocli {@code @Command}-annotated class with a public no-argument
 * constructor whose {@link #call()} returns the process exit status (0 for success). Long-running
 * servers block in {@code call()} until they are stopped.
 */
public interface Subcommand extends Callable<Integer> {
}
