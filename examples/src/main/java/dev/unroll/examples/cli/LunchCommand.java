package dev.unroll.examples.cli;

import dev.unroll.examples.lunch.Lunch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The lecture's closing story: predicting lunch from an eating record with RNN, LSTM, GRU and bidirectional GRU. */
@Command(name = "lunch", mixinStandardHelpOptions = true,
        description = "Train RNN, LSTM, GRU and bidirectional models to predict today's lunch from an eating record,"
                + " and print their held-out accuracy beside the best achievable.")
final class LunchCommand implements Callable<Integer> {

    /** The longest training record (the run time grows with it). */
    static final int MAX_DAYS = 10_000_000;

    /** The most training minibatches per model. */
    static final int MAX_ITERATIONS = 1_000_000;

    @Option(names = "--days", defaultValue = "20000", description = "Days of training record, " + Lunch.MIN_DAYS
            + " to " + MAX_DAYS + " (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--iterations", defaultValue = "400", description = "Training minibatches per model, 1 to "
            + MAX_ITERATIONS + " (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--seed", defaultValue = "11", description = "Seed of the records and models (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--show", defaultValue = "8", description = "Days of the record to print first (default: ${DEFAULT-VALUE}).")
    int show;

    @Override
    public Integer call() {
        Flags.range("--days", days, Lunch.MIN_DAYS, MAX_DAYS);
        Flags.range("--iterations", iterations, 1, MAX_ITERATIONS);
        Flags.range("--show", show, 0, days);
        Lunch.run(System.out, days, iterations, seed, show);
        return 0;
    }
}
