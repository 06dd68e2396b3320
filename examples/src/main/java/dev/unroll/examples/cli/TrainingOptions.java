package dev.unroll.examples.cli;

import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.kernel.Dtype;
import dev.unroll.dsl.UnrollException;
import dev.unroll.runtime.text.Sampling;
import dev.unroll.runtime.train.TrainConfig;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The flags of a training run: sequence length, batch, optimizer, clipping, truncation, sampling, dtype, threads. */
final class TrainingOptions {

    @Option(names = "--steps", defaultValue = "35", description = "Time steps T per sequence (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch", defaultValue = "32", description = "Sequences B per minibatch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--epochs", defaultValue = "30", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", defaultValue = "1", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--optimizer", defaultValue = "sgd", description = "sgd or adam (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--clip", defaultValue = "1", description = "Clip gradients to this global norm θ; 0 = off"
            + " (default: ${DEFAULT-VALUE}).")
    double clip;

    @Option(names = "--truncation", defaultValue = "full", paramLabel = "full|fixed:K|random:π",
            description = "BPTT truncation (default: ${DEFAULT-VALUE}).")
    String truncation;

    @Option(names = "--sampling", defaultValue = "random", description = "random or sequential minibatches"
            + " (default: ${DEFAULT-VALUE}).")
    String sampling;

    @Option(names = "--dtype", defaultValue = "float32", description = "float32 or float64 (default: ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--threads", defaultValue = "0", description = "Threads the batch is split"
            + " across; 0 = one per core (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--validation", defaultValue = "0.1", description = "Share of the text held out for validation"
            + " (default: ${DEFAULT-VALUE}).")
    double validation;

    /** The validated configuration. */
    TrainConfig config() {
        int workers = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        return new TrainConfig(steps, batch, epochs, lr, optimizerKind(optimizer), clip, truncation(truncation),
                sampling(sampling), dtype(dtype), workers, seed, validation);
    }

    static TrainConfig.OptimizerKind optimizerKind(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "sgd" -> TrainConfig.OptimizerKind.SGD;
            case "adam" -> TrainConfig.OptimizerKind.ADAM;
            default -> throw new UnrollException("--optimizer must be sgd or adam, got '" + s + "'");
        };
    }

    static Sampling sampling(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "random" -> Sampling.RANDOM;
            case "sequential" -> Sampling.SEQUENTIAL;
            default -> throw new UnrollException("--sampling must be random or sequential, got '" + s + "'");
        };
    }

    static Dtype dtype(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "float32" -> Dtype.FLOAT32;
            case "float64" -> Dtype.FLOAT64;
            default -> throw new UnrollException("--dtype must be float32 or float64, got '" + s + "'");
        };
    }

    /** Parses {@code full}, {@code fixed:K} or {@code random:π}. */
    static Truncation truncation(String s) {
        String[] parts = s.split(":", 2);
        try {
            return switch (parts[0]) {
                case "full" -> parts.length == 1 ? Truncation.full() : badTruncation(s);
                case "fixed" -> parts.length == 2 ? Truncation.fixed(Integer.parseInt(parts[1])) : badTruncation(s);
                case "random" -> parts.length == 2 ? Truncation.randomized(Double.parseDouble(parts[1]))
                        : badTruncation(s);
                default -> badTruncation(s);
            };
        } catch (NumberFormatException e) {
            return badTruncation(s);
        }
    }

    private static Truncation badTruncation(String s) {
        throw new UnrollException("--truncation must be full, fixed:K (K ≥ 1 steps) or random:π (0 < π ≤ 1), got '"
                + s + "'");
    }
}
