package dev.unroll.examples.cli;

import dev.unroll.dsl.UnrollException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code unroll} command line: with no subcommand it trains the default model on the built-in corpus. */
@Command(name = "unroll", mixinStandardHelpOptions = true, version = "unroll 0.1.0",
        description = "Declare recurrent cells in Java, differentiate them and run them.",
        subcommands = {DemoCommand.class, TrainCommand.class, GenerateCommand.class, InspectCommand.class,
                GradcheckCommand.class, LunchCommand.class})
public final class UnrollCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return commandLine().execute("train");
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, printing the library's own errors as one clear message instead of a stack trace. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new UnrollCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UnrollException) {
                commandLine.getErr().println("unroll " + commandLine.getCommandName() + ": " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cli;
    }
}
