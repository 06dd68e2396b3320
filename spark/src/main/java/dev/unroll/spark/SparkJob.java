package dev.unroll.spark;

import dev.unroll.dsl.core.UnrollException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The Spark job's command line, the main class of {@code unroll-spark.jar} for {@code spark-submit}. */
@Command(name = "unroll-spark", mixinStandardHelpOptions = true, version = "unroll-spark 0.1.0",
        description = "Unroll on Apache Spark: run it with spark-submit (docs/DISTRIBUTED.md).",
        subcommands = {SweepCommand.class})
public final class SparkJob implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a command: "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /** Runs the job and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, printing the library's own errors as one message (exit code 1) instead of a stack trace. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SparkJob());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UnrollException) {
                commandLine.getErr().println("unroll-spark " + commandLine.getCommandName() + ": " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cli;
    }
}
