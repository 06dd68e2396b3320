package dev.unroll.examples.cli;

import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.train.TrainConfig;
import dev.unroll.runtime.train.TrainingFlags;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The flags of a training run: sequence length, batch, optimizer, clipping, truncation, sampling, dtype, threads. */
final class TrainingOptions {

    /** The most epochs a run accepts. */
    static final int MAX_EPOCHS = 1_000_000;

    @Option(names = "--steps", defaultValue = "35", description = "Time steps T per sequence, 1 to " + Flags.MAX_STEPS
            + " (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch", defaultValue = "32", description = "Sequences B per minibatch, 1 to " + Flags.MAX_BATCH
            + " (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--epochs", defaultValue = "30", description = "Epochs, 1 to " + MAX_EPOCHS
            + " (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", defaultValue = "1", description = "Learning rate, finite and > 0"
            + " (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--optimizer", defaultValue = "sgd", description = "sgd or adam (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--clip", defaultValue = "1", description = "Clip gradients to this global norm θ, finite and"
            + " ≥ 0; 0 = off (default: ${DEFAULT-VALUE}).")
    double clip;

    @Option(names = "--max-perplexity-factor", defaultValue = "1000", paramLabel = "F", description = "Stop as"
            + " diverged when a minibatch's perplexity exceeds F × the vocabulary size (uniform guessing scores 1 ×);"
            + " F ≥ 1, or Infinity to stop only on non-finite values (default: ${DEFAULT-VALUE}).")
    double maxPerplexityFactor;

    @Option(names = "--truncation", defaultValue = "full", paramLabel = "full|fixed:K|random:π",
            description = "BPTT truncation (default: ${DEFAULT-VALUE}).")
    String truncation;

    @Option(names = "--sampling", defaultValue = "random", description = "random or sequential minibatches"
            + " (default: ${DEFAULT-VALUE}).")
    String sampling;

    @Option(names = "--dtype", defaultValue = "float32", description = "float32 or float64 (default: ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--threads", defaultValue = "0", description = "Threads the batch is split"
            + " across, 0 to " + Flags.MAX_THREADS + "; 0 = chosen per model size, at most one per core (default:"
            + " ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--recompute", defaultValue = "0", paramLabel = "K", description = "Keep the tape of K steps"
            + " and recompute the rest in the backward pass: memory for K steps instead of --steps, for about one more"
            + " forward pass; language models only; 0 keeps every step (default: ${DEFAULT-VALUE}).")
    int recompute;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--validation", defaultValue = "0.1", description = "Share of the text held out for validation,"
            + " ≥ 0 and < 1 (default: ${DEFAULT-VALUE}).")
    double validation;

    /** Checks every flag before any work: ranges here, the rest by building a configuration. */
    void validate() {
        Flags.range("--steps", steps, 1, Flags.MAX_STEPS);
        Flags.range("--batch", batch, 1, Flags.MAX_BATCH);
        Flags.range("--epochs", epochs, 1, MAX_EPOCHS);
        Flags.positive("--lr", lr);
        Flags.nonNegative("--clip", clip);
        Flags.range("--threads", threads, 0, Flags.MAX_THREADS);
        Flags.range("--recompute", recompute, 0, Flags.MAX_STEPS);
        Flags.fraction("--validation", validation, 0, 1);
        if (!(maxPerplexityFactor >= 1)) {
            throw new UnrollException("--max-perplexity-factor must be ≥ 1 (Infinity to turn the bound off), got "
                    + maxPerplexityFactor);
        }
        config(Double.POSITIVE_INFINITY);
    }

    /** The training flags a checkpoint records, for resuming with the same settings. */
    Map<String, String> flags() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("steps", Integer.toString(steps));
        f.put("batch", Integer.toString(batch));
        f.put("seed", Long.toString(seed));
        f.put("optimizer", optimizer);
        f.put("lr", Double.toString(lr));
        f.put("dtype", dtype);
        f.put("truncation", truncation);
        f.put("sampling", sampling);
        return f;
    }

    /** The divergence bound on a minibatch's loss for a vocabulary of {@code vocabulary} tokens. */
    double maxLoss(int vocabulary) {
        return TrainConfig.maxLossFor(vocabulary, maxPerplexityFactor);
    }

    /** The validated configuration, with {@code maxLoss} as its divergence bound. */
    TrainConfig config(double maxLoss) {
        return config(maxLoss, steps);
    }

    /** The validated configuration for sequences of at most {@code maxSteps} steps (a task's longest). */
    TrainConfig config(double maxLoss, int maxSteps) {
        return new TrainConfig(maxSteps, batch, epochs, lr, TrainingFlags.optimizer(optimizer), clip,
                TrainingFlags.truncation(truncation), TrainingFlags.sampling(sampling), TrainingFlags.dtype(dtype),
                threads, seed, validation, maxLoss);
    }
}
