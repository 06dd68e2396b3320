package dev.unroll.examples.cli;

import dev.unroll.dsl.core.UnrollException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code unroll} command line: with no subcommand it trains the default model on the built-in corpus. */
@Command(name = "unroll", mixinStandardHelpOptions = true, version = "unroll 0.1.0",
        description = "Declare recurrent cells in Java, differentiate them and run them.",
        subcommands = {DemoCommand.class, TrainCommand.class, GenerateCommand.class, PredictCommand.class, ExampleCommand.class,
                InspectCommand.class, AotCommand.class, ImportCommand.class,
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

    /**
     * The command line, printing the library's own errors, and running out of memory, as one clear message
     * (exit code 1) instead of a stack trace.
     */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new UnrollCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UnrollException) {
                commandLine.getErr().println("unroll " + commandLine.getCommandName() + ": " + e.getMessage());
                return 1;
            }
            throw e;
        });
        cli.setExecutionStrategy(parseResult -> {
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } catch (OutOfMemoryError e) {
                // The flags' memory check is a lower bound; what it misses (long sequences of large batches) ends
                // here. The heap is free again once the command's objects are unreachable.
                List<CommandLine> chain = parseResult.asCommandLineList();
                CommandLine last = chain.get(chain.size() - 1);
                last.getErr().println("unroll " + last.getCommandName() + ": out of memory (" + e.getMessage()
                        + "); lower --hidden, --layers, --steps or --batch, or raise the heap (e.g."
                        + " UNROLL_JAVA_OPTS=-Xmx8g)");
                return 1;
            }
        });
        return cli;
    }
}
