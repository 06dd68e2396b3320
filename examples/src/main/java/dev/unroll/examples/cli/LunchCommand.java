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

    @Option(names = "--days", defaultValue = "20000", description = "Days of training record (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--iterations", defaultValue = "400", description = "Training minibatches per model"
            + " (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--seed", defaultValue = "11", description = "Seed of the records and models (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--show", defaultValue = "8", description = "Days of the record to print first (default: ${DEFAULT-VALUE}).")
    int show;

    @Override
    public Integer call() {
        Lunch.run(System.out, days, iterations, seed, show);
        return 0;
    }
}
