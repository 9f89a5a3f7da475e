/**
 * The extension point of the {@code rowfs} command line. Each module contributes its subcommands
 * as picocli {@code @Command} classes implementing {@link io.rowfs.cli.Subcommand}, listed in
 * {@code META-INF/services/io.rowfs.cli.Subcommand}; the launcher's main class discovers them
 * with {@link java.util.ServiceLoader}.
 */
package io.rowfs.cli;
