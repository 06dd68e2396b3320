package dev.unroll.spark;

import dev.unroll.runtime.text.BuiltinCorpus;
import dev.unroll.runtime.text.Corpus;
import dev.unroll.runtime.text.Preprocessing;
import dev.unroll.runtime.text.TextData;
import dev.unroll.runtime.text.Tokenization;
import dev.unroll.runtime.train.TrainingFlags;
import dev.unroll.spark.parallel.DataParallelTraining;
import dev.unroll.spark.parallel.ParallelSpec;
import dev.unroll.spark.parallel.ProcessReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The job's {@code train} command: one character-level language model trained data-parallel by Spark tasks. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train one character-level language model data-parallel: --workers barrier tasks each train"
                + " their rows of every global minibatch of --batch rows and sum gradients through allGather every"
                + " step (or, with --average-every K, average parameters every K steps) (docs/DISTRIBUTED.md)."})
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--workers", defaultValue = "2", description = "Spark tasks training together, launched at"
            + " once (the cluster needs as many free task slots), 1 to --batch (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--average-every", defaultValue = "0", paramLabel = "K", description = "Average parameters every"
            + " K steps instead of summing gradients every step (an approximation; Adam's moments stay per worker);"
            + " 0 = sum gradients (default: ${DEFAULT-VALUE}).")
    int averageEvery;

    @Option(names = "--cell", defaultValue = "lstm", description = "rnn, lstm, gru, gru-torch or a cell class"
            + " (default: ${DEFAULT-VALUE}).")
    String cell;

    @Option(names = "--hidden", defaultValue = "256", description = "Hidden units (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--layers", defaultValue = "1", description = "Layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--lr", defaultValue = "1", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--optimizer", defaultValue = "sgd", description = "sgd or adam (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--batch", defaultValue = "32", description = "The global batch B, split over the workers"
            + " (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--steps", defaultValue = "35", description = "Time steps T (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--epochs", defaultValue = "30", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--truncation", defaultValue = "full", paramLabel = "full|fixed:K|random:π",
            description = "BPTT truncation (default: ${DEFAULT-VALUE}).")
    String truncation;

    @Option(names = "--clip", defaultValue = "1", description = "Clip to this global norm θ, 0 = off"
            + " (default: ${DEFAULT-VALUE}).")
    double clip;

    @Option(names = "--sampling", defaultValue = "random", description = "random or sequential minibatches"
            + " (default: ${DEFAULT-VALUE}).")
    String sampling;

    @Option(names = "--dtype", defaultValue = "float32", description = "float32 or float64 (default: ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--threads", defaultValue = "1", description = "Threads inside each worker; 0 = chosen per model"
            + " and the executor's cores (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--corpus", defaultValue = "timemachine", description = "Built-in corpus: timemachine or journal"
            + " (default: ${DEFAULT-VALUE}).")
    String corpus;

    @Option(names = "--text", paramLabel = "FILE", description = "Train on this UTF-8 text, read by the driver,"
            + " instead of a built-in corpus.")
    Path text;

    @Option(names = "--validation", defaultValue = "0.1", description = "Share held out for validation"
            + " (default: ${DEFAULT-VALUE}).")
    double validation;

    @Mixin
    JobOptions job;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Where the driver writes the trained model.")
    Path checkpoint;

    @Override
    public Integer call() {
        ParallelSpec spec = spec();
        TextData data = TextData.prepare(text == null ? BuiltinCorpus.named(corpus) : Corpus.read(text),
                Preprocessing.LECTURE, Tokenization.CHARACTERS, 1, validation);
        PrintStream out = System.out;
        DataParallelTraining.Result result = DataParallelTraining.train(
                job.session("unroll data-parallel training"), spec, data);
        for (int e = 0; e < result.train().size(); e++) {
            out.printf("epoch %d  perplexity %.3f%s%n", e + 1, result.train().get(e), result.validation().isEmpty()
                    ? "" : String.format("  validation perplexity %.3f", result.validation().get(e)));
        }
        ProcessReport first = result.reports().get(0);
        out.printf("%d workers, %d steps, %.0f tokens/s, %d bytes per worker message, %d rounds of allGather"
                + " taking %.3f s each%n", workers, first.steps(), result.tokensPerSecond(), result.bytesPerMessage(),
                first.rounds(), first.rounds() == 0 ? 0 : first.gatherSeconds() / first.rounds());
        if (checkpoint != null) {
            DataParallelTraining.save(checkpoint, spec, data, result);
            out.println("checkpoint: " + checkpoint);
        }
        return 0;
    }

    /** Every flag checked, before Spark starts. */
    ParallelSpec spec() {
        return new ParallelSpec(cell, layers, hidden, steps, batch, epochs, lr, TrainingFlags.optimizer(optimizer),
                clip, truncation, TrainingFlags.sampling(sampling), TrainingFlags.dtype(dtype), threads, seed,
                workers, averageEvery, job.kernelsPackage).validated();
    }
}
