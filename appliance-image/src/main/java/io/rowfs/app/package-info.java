/** The {@code rowfs} command-line entry point, which gathers every module's subcommands. */
package io.rowfs.app;
