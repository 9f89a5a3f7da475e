package io.rowfs.app;

import io.rowfs.cli.Subcommand;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Main class of the {@code rowfs} launcher: one picocli command with every module's subcommands. */
@Command(name = "rowfs", mixinStandardHelpOptions = true, version = "rowfs 0.1.0",
        description = "NFSv3 redirect-on-write proxy appliance: shadow server, proxy and boot services.",
        subcommands = CommandLine.HelpCommand.class)
public final class Rowfs implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Rowfs());
        for (Subcommand sub : ServiceLoader.load(Subcommand.class)) {
            cl.addSubcommand(sub);
        }
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
