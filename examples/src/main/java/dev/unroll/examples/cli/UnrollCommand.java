package dev.unroll.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code unroll} command line: with no subcommand it runs the built-in demonstration. */
@Command(name = "unroll", mixinStandardHelpOptions = true, version = "unroll 0.1.0",
        description = "Declare recurrent cells in Java, differentiate them and run them.",
        subcommands = {DemoCommand.class, InspectCommand.class})
public final class UnrollCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(new DemoCommand()).execute();
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new UnrollCommand()).execute(args));
    }
}
