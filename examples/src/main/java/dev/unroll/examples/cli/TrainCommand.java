package dev.unroll.examples.cli;

import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.dsl.UnrollException;
import dev.unroll.runtime.checkpoint.Checkpoint;
import dev.unroll.runtime.checkpoint.Checkpoints;
import dev.unroll.runtime.checkpoint.Npz;
import dev.unroll.runtime.checkpoint.ShapedArray;
import dev.unroll.runtime.plot.PerplexityPlot;
import dev.unroll.runtime.text.Corpus;
import dev.unroll.runtime.text.Minibatches;
import dev.unroll.runtime.text.Sampling;
import dev.unroll.runtime.text.TextData;
import dev.unroll.runtime.text.Vocab;
import dev.unroll.runtime.train.EpochReport;
import dev.unroll.runtime.train.TextGenerator;
import dev.unroll.runtime.train.TrainConfig;
import dev.unroll.runtime.train.Trainer;
import dev.unroll.runtime.train.TrainingState;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains a character-level (or word-level) language model with generated code and prints perplexity per epoch. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a recurrent language model; without --text, on a built-in generated corpus.")
final class TrainCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Mixin
    TrainingOptions training;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Save a checkpoint here after every epoch.")
    Path checkpoint;

    @Option(names = "--resume", description = "Continue from --checkpoint.")
    boolean resume;

    @Option(names = "--plot", paramLabel = "FILE", defaultValue = "perplexity.svg",
            description = "Where to write the perplexity plot (default: ${DEFAULT-VALUE}).")
    Path plot;

    @Option(names = "--npz", paramLabel = "FILE", description = "Also export the trained parameters as a NumPy .npz.")
    Path npz;

    @Mixin
    SampleOptions sample;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        TrainConfig config = training.config();
        Checkpoint resumed = resumedCheckpoint();
        Corpus corpus = dataOptions.corpus();
        TextData data = resumed == null ? dataOptions.prepare(corpus, config.validationFraction())
                : dataOptions.prepare(corpus, Vocab.fromTokens(resumed.vocabulary()), config.validationFraction());
        Program program = Planner.plan(model.languageModel(data.vocab().size()));
        if (model.bidirectional) {
            System.err.println("note: in a bidirectional language model the backward direction reads the very token"
                    + " each step must predict, so its perplexity says little; it is offered for experiments");
        }
        out.printf("corpus %s: %d training and %d validation tokens, vocabulary %d%n", corpus.name(),
                data.train().length, data.validation().length, data.vocab().size());
        long compileStart = System.nanoTime();
        try (Trainer trainer = new Trainer(program, config, Compilation.factory())) {
            out.printf("model %s, compiled to %s Java in %.2f s%n", model.describe(), config.dtype(),
                    (System.nanoTime() - compileStart) / 1e9);
            TrainingState state = trainer.initialState();
            if (resumed != null) {
                state = LmCheckpoint.restore(resumed, state);
                out.printf("resumed from %s after epoch %d%n", checkpoint, state.epochsDone());
            }
            Minibatches train = data.trainBatches(config.batch(), config.steps(), config.sampling(), config.seed());
            Minibatches valid = data.hasValidation()
                    ? data.validationBatches(config.batch(), config.steps(), Sampling.SEQUENTIAL, config.seed()) : null;
            Progress progress = new Progress();
            while (state.epochsDone() < config.epochs()) {
                EpochReport report = trainer.epoch(state, train, valid, progress::show);
                progress.clear();
                out.println(report.line());
                if (checkpoint != null) {
                    Checkpoints.write(checkpoint, LmCheckpoint.of(flags(), state, Compilation.shapes(program),
                            data.vocab().tokens()));
                }
            }
            PerplexityPlot.write(plot, state.trainPerplexity(), state.validationPerplexity());
            if (npz != null) {
                Map<String, ShapedArray> arrays = new LinkedHashMap<>();
                Map<String, int[]> shapes = Compilation.shapes(program);
                state.params().forEach((k, v) -> arrays.put(k, new ShapedArray(shapes.get(k), v)));
                Npz.write(npz, arrays);
                out.println("parameters: " + npz);
            }
            out.println("perplexity plot: " + plot);
            if (model.bidirectional) {
                out.println("no sample: a bidirectional model reads the future, so it cannot generate text");
            } else {
                out.println(sample.generate(trainer.generationExecutor(state), data));
            }
        }
        return 0;
    }

    private Checkpoint resumedCheckpoint() {
        if (!resume) {
            return null;
        }
        if (checkpoint == null) {
            throw new UnrollException("--resume needs --checkpoint FILE naming the checkpoint to continue from");
        }
        Checkpoint c = Checkpoints.read(checkpoint);
        LmCheckpoint.requireCompatible(c, flags(), List.of("cell", "layers", "bidirectional", "hidden",
                "preprocessing", "tokens", "dtype", "steps", "batch", "seed", "optimizer"), checkpoint.toString());
        return c;
    }

    private Map<String, String> flags() {
        Map<String, String> f = new LinkedHashMap<>();
        f.putAll(model.flags());
        f.putAll(dataOptions.flags());
        f.put("steps", Integer.toString(training.steps));
        f.put("batch", Integer.toString(training.batch));
        f.put("seed", Long.toString(training.seed));
        f.put("optimizer", training.optimizer);
        f.put("lr", Double.toString(training.lr));
        f.put("dtype", training.dtype);
        f.put("truncation", training.truncation);
        f.put("sampling", training.sampling);
        return f;
    }

    /** A one-line progress display on the terminal while an epoch runs (nothing when output is redirected). */
    private static final class Progress {
        private final boolean enabled = System.console() != null;

        void show(int done, int total) {
            if (enabled && (done == total || done % 10 == 0)) {
                System.err.printf("\r  batch %d/%d (%d%%)", done, total, 100 * done / total);
            }
        }

        void clear() {
            if (enabled) {
                System.err.print("\r" + " ".repeat(40) + "\r");
            }
        }
    }
}
