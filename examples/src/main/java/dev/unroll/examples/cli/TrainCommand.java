package dev.unroll.examples.cli;

import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.checkpoint.Checkpoint;
import dev.unroll.runtime.checkpoint.CheckpointFields;
import dev.unroll.runtime.checkpoint.Checkpoints;
import dev.unroll.runtime.inference.BestArrays;
import dev.unroll.runtime.inference.ModelCheckpoint;
import dev.unroll.runtime.data.Task;
import dev.unroll.runtime.plot.PerplexityPlot;
import dev.unroll.runtime.text.Corpus;
import dev.unroll.runtime.text.Minibatches;
import dev.unroll.runtime.text.Sampling;
import dev.unroll.runtime.text.TextData;
import dev.unroll.runtime.text.Vocab;
import dev.unroll.runtime.train.EarlyStopping;
import dev.unroll.runtime.train.Metric;
import dev.unroll.runtime.train.TrainConfig;
import dev.unroll.runtime.train.Trainer;
import dev.unroll.runtime.train.TrainingDivergedException;
import dev.unroll.runtime.train.TrainingRun;
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
        description = {"Train a recurrent language model (without --text, on a built-in corpus), or, with --task"
                + " classify, label, regress or seq2seq, a model for the sequence task in --data (docs/TASKS.md).",
            "Every flag and output path is checked before training. Each epoch prints the perplexities and the global"
                    + " gradient norm before clipping (mean, max, share of clipped steps). A run that diverges (a"
                    + " non-finite loss, gradient or parameter, or a minibatch perplexity above"
                    + " --max-perplexity-factor × the vocabulary) stops with exit code 1 and keeps the checkpoint of"
                    + " the last good epoch."})
final class TrainCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Mixin
    TrainingOptions training;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    TaskOptions tasks;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Save a checkpoint here after every epoch"
            + " that completes with finite values.")
    Path checkpoint;

    @Option(names = "--resume", description = "Continue from --checkpoint.")
    boolean resume;

    @Option(names = "--plot", paramLabel = "FILE", defaultValue = "perplexity.svg",
            description = "Where to write the perplexity plot (default: ${DEFAULT-VALUE}).")
    Path plot;

    @Option(names = "--npz", paramLabel = "FILE", description = "Also export the trained parameters, the vocabulary"
            + " ('vocab') and any class names ('labels') as a NumPy .npz (text as unicode arrays).")
    Path npz;

    @Option(names = "--log-grad-norm", paramLabel = "FILE|-", description = "Log every step's loss, global gradient"
            + " norm before clipping and whether it was clipped, tab-separated ('-': standard output).")
    String gradNormLog;

    @Mixin
    SampleOptions sample;

    @Override
    public Integer call() {
        validate();
        if (tasks.task() != Task.LM) {
            return new TaskTraining(this).run();
        }
        PrintStream out = System.out;
        Checkpoint resumed = resumedCheckpoint();
        Corpus corpus = dataOptions.corpus();
        TextData data = resumed == null ? dataOptions.prepare(corpus, training.validation)
                : dataOptions.prepare(corpus, Vocab.fromTokens(resumed.vocabulary()), training.validation);
        TrainConfig config = training.config(training.maxLoss(data.vocab().size()));
        if (!model.bidirectional) {
            sample.prompt(data);
        }
        Program program = Planner.plan(model.languageModel(data.vocab().size()));
        Footprint.requireFits(program, model.describe(), Footprint.trainingCopies(config.workers(program),
                config.optimizer() == TrainConfig.OptimizerKind.ADAM));
        Minibatches train = data.trainBatches(config.batch(), config.steps(), config.sampling(), config.seed());
        Minibatches valid = data.hasValidation()
                ? data.validationBatches(config.batch(), config.steps(), Sampling.SEQUENTIAL, config.seed()) : null;
        if (model.bidirectional) {
            System.err.println("note: in a bidirectional language model the backward direction reads the very token"
                    + " each step must predict, so its perplexity says little; it is offered for experiments");
        }
        out.printf("corpus %s: %d training and %d validation tokens, vocabulary %d%n", corpus.name(),
                data.train().length, data.validation().length, data.vocab().size());
        long compileStart = System.nanoTime();
        Compilation.Tracked factory = new Compilation.Tracked();
        try (Trainer trainer = new Trainer(program, config, factory, training.recompute)) {
            out.printf("model %s, %s in %.2f s%n", model.describe(), factory.how(config.dtype()),
                    (System.nanoTime() - compileStart) / 1e9);
            TrainingState state = trainer.initialState();
            EarlyStopping stopping = tasks.stopping();
            if (resumed != null) {
                state = LmCheckpoint.restore(resumed, state);
                BestArrays.restore(new CheckpointFields(resumed, checkpoint.toString()), program, stopping);
                out.printf("resumed from %s after epoch %d%n", checkpoint, state.epochsDone());
            }
            TrainingRun run = new TrainingRun(trainer, config, tasks.schedule(), stopping);
            trainEpochs(run, state, stopping, train, valid, data);
            run.restoreBest(state);
            finish(trainer, state, data);
        }
        return 0;
    }

    /** Every flag and path, before any file is read or any work done. */
    private void validate() {
        model.validate();
        training.validate();
        dataOptions.validate();
        sample.validate();
        tasks.validate(dataOptions.text != null, training.validation);
        if (tasks.task() == Task.LM) {
            dataOptions.tokenization();
        }
        new PathFlags().input("--text", dataOptions.text)
                .input("--data", tasks.data)
                .input("--validation-data", tasks.validationData)
                .output("--checkpoint", checkpoint)
                .output("--plot", plot)
                .output("--npz", npz)
                .output("--log-grad-norm", gradNormLog == null || "-".equals(gradNormLog) ? null
                        : Path.of(gradNormLog))
                .check();
        if (resume && checkpoint == null) {
            throw new UnrollException("--resume needs --checkpoint FILE naming the checkpoint to continue from");
        }
    }

    /**
     * Trains until the configured epoch, saving a checkpoint after every completed epoch; a divergence keeps the
     * last saved checkpoint and reports where the last good state is.
     */
    private void trainEpochs(TrainingRun run, TrainingState state, EarlyStopping stopping, Minibatches train,
                             Minibatches valid, TextData data) {
        int saved = state.epochsDone();
        try (TrainProgress progress = TrainProgress.open(gradNormLog)) {
            while (!run.done(state)) {
                String line = run.next(state, train, valid, progress).line();
                progress.clear();
                System.out.println(line);
                if (checkpoint != null) {
                    Checkpoints.write(checkpoint, LmCheckpoint.of(flags(), state, data.vocab().tokens(), stopping));
                    saved = state.epochsDone();
                }
            }
            if (stopping != null && stopping.bestParams() != null) {
                System.out.printf("best validation %s after epoch %d%n", Metric.PERPLEXITY.show("", stopping.best()),
                        stopping.bestEpoch());
            }
        } catch (TrainingDivergedException e) {
            throw new UnrollException(e.getMessage() + ". " + lastGoodState(saved), e);
        }
    }

    private String lastGoodState(int saved) {
        if (checkpoint == null) {
            return "Nothing was saved (no --checkpoint) and no plot or sample was written";
        }
        if (saved == 0) {
            return "No epoch completed, so --checkpoint " + checkpoint + " was not written";
        }
        return "The last good state, after epoch " + saved + ", is in --checkpoint " + checkpoint
                + "; nothing after it was written";
    }

    /** The plot, the parameters and the sample of a run that completed. */
    private void finish(Trainer trainer, TrainingState state, TextData data) {
        PrintStream out = System.out;
        PerplexityPlot.write(plot, state.trainPerplexity(), state.validationPerplexity());
        if (npz != null) {
            NpzExport.write(npz, state.params(), data.vocab().tokens());
        }
        out.println("perplexity plot: " + plot);
        if (model.bidirectional) {
            out.println("no sample: a bidirectional model reads the future, so it cannot generate text");
        } else {
            out.println(sample.generate(trainer.generationExecutor(state), data));
        }
    }

    private Checkpoint resumedCheckpoint() {
        if (!resume) {
            return null;
        }
        Checkpoint c = Checkpoints.read(checkpoint);
        ModelCheckpoint.Loaded loaded = LmCheckpoint.requireCompatible(c, flags(), List.of("cell", "layers",
                "bidirectional", "hidden", ModelOptions.EMBEDDING, ModelOptions.DROPOUT, ModelOptions.VARIATIONAL_DROPOUT, ModelOptions.ZONEOUT, "preprocessing",
                "tokens", "dtype", "steps", "batch", "seed", "optimizer"), checkpoint.toString());
        model.requireSameLayerNorm(loaded.description(), checkpoint);
        tasks.requireSameSchedule(c, checkpoint);
        return c;
    }

    /** The flags a checkpoint records. */
    Map<String, String> flags() {
        Map<String, String> f = new LinkedHashMap<>();
        f.putAll(model.flags());
        f.putAll(dataOptions.flags());
        f.putAll(training.flags());
        tasks.flags(f);
        return f;
    }
}
