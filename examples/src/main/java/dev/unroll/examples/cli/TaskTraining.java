package dev.unroll.examples.cli;

import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.checkpoint.Checkpoints;
import dev.unroll.runtime.data.Buckets;
import dev.unroll.runtime.data.DataSpec;
import dev.unroll.runtime.inference.BestArrays;
import dev.unroll.runtime.inference.ModelCheckpoint;
import dev.unroll.runtime.data.Examples;
import dev.unroll.runtime.data.Sequence;
import dev.unroll.runtime.data.Split;
import dev.unroll.runtime.data.Task;
import dev.unroll.runtime.data.TokenKind;
import dev.unroll.runtime.train.EarlyStopping;
import dev.unroll.runtime.train.Metric;
import dev.unroll.runtime.train.TaskBatches;
import dev.unroll.runtime.train.TrainConfig;
import dev.unroll.runtime.train.Trainer;
import dev.unroll.runtime.train.TrainingDivergedException;
import dev.unroll.runtime.train.TrainingRun;
import dev.unroll.runtime.train.TrainingState;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code unroll train --task classify|label|regress|seq2seq}: reads the data file (and a validation file or a
 * held-out share), learns the vocabularies, buckets the sequences by length and trains with the one trainer, printing
 * the training loss and the validation metric per epoch; with {@code --checkpoint}, saves the model after every
 * epoch for {@code unroll predict} and for {@code --resume}.
 */
final class TaskTraining {

    private final TrainCommand command;
    private final Task task;
    private TokenKind kind;
    // The flags a checkpoint records: the command's, and for seq2seq the longest training target.
    private Map<String, String> flags;

    TaskTraining(TrainCommand command) {
        this.command = command;
        this.task = command.tasks.task();
    }

    int run() {
        if (command.training.recompute > 0) {
            throw new UnrollException("--recompute splits continuous text into segments, but --task " + task.flag()
                    + " trains on separate sequences; drop --recompute (it is for --task lm)");
        }
        PrintStream out = System.out;
        ModelCheckpoint.Loaded resumed = command.resume ? TaskCheckpoint.read(command.checkpoint) : null;
        Split split = split();
        DataSpec spec = resumed != null ? resumed.description().task() : DataSpec.learn(split.training(), task, kind);
        requireSameData(resumed, spec);
        List<Sequence> training = spec.encode(split.training());
        List<Sequence> validation = spec.encode(split.validation());
        flags = command.flags();
        if (task == Task.SEQ2SEQ) {
            flags.put(ModelCheckpoint.LONGEST_TARGET, Integer.toString(TaskCheckpoint.longestTarget(training)));
        }
        int batch = command.training.batch;
        boolean mixed = command.tasks.mixedLengths;
        Buckets trainBuckets = buckets(training, spec, batch, mixed);
        Buckets validBuckets = validation.isEmpty() ? null : buckets(validation, spec, batch, mixed);
        int steps = Math.max(trainBuckets.maxLength(), validBuckets == null ? 1 : validBuckets.maxLength());
        double maxLoss = task == Task.REGRESS ? Double.POSITIVE_INFINITY : command.training.maxLoss(spec.outputs());
        TrainConfig config = command.training.config(maxLoss, steps);
        Program program = Planner.plan(command.model.taskModel(spec, mixed));
        Footprint.requireFits(program, command.model.describe(), Footprint.trainingCopies(config.workers(program),
                config.optimizer() == TrainConfig.OptimizerKind.ADAM));
        int shortest = training.stream().mapToInt(Sequence::length).min().orElseThrow();
        out.printf("data %s: %d training and %d validation sequences of %d to %d %s, %s%n", command.tasks.data,
                training.size(), validation.size(), shortest, steps, kind.flag(), describe(spec));
        long compileStart = System.nanoTime();
        Compilation.Tracked factory = new Compilation.Tracked();
        try (Trainer trainer = new Trainer(program, config, factory)) {
            out.printf("model %s, task %s, %s in %.2f s%n", command.model.describe(), task.flag(),
                    factory.how(config.dtype()), (System.nanoTime() - compileStart) / 1e9);
            EarlyStopping stopping = command.tasks.stopping();
            TrainingState state = trainer.initialState();
            if (resumed != null) {
                state = LmCheckpoint.restore(resumed.fields().checkpoint(), state);
                BestArrays.restore(resumed.fields(), program, stopping);
                out.printf("resumed from %s after epoch %d%n", command.checkpoint, state.epochsDone());
            }
            TrainingRun run = new TrainingRun(trainer, config, command.tasks.schedule(), stopping);
            TaskBatches train = TaskBatches.training(trainBuckets, spec, config.seed());
            TaskBatches valid = validBuckets == null ? null : TaskBatches.evaluation(validBuckets, spec);
            epochs(run, state, train, valid, spec, stopping);
            finish(run, state, stopping, spec);
        }
        return 0;
    }

    /** Batches of one length each, or with {@code mixed} of nearby lengths for a masked model. */
    private static Buckets buckets(List<Sequence> sequences, DataSpec spec, int batch, boolean mixed) {
        return mixed ? Buckets.mixed(sequences, spec, batch) : new Buckets(sequences, spec, batch);
    }

    /** The training and validation examples; sets the token kind, which an .npz file decides itself. */
    private Split split() {
        Examples examples = Examples.read(command.tasks.data, command.dataOptions.tokenKind(), task);
        kind = examples.kind();
        if (command.tasks.validationData != null) {
            Examples validation = Examples.read(command.tasks.validationData, kind, task);
            if (validation.kind() != kind) {
                throw new UnrollException("--validation-data " + command.tasks.validationData + " holds "
                        + validation.kind().flag() + " but --data " + command.tasks.data + " holds " + kind.flag()
                        + "; give both in the same form");
            }
            return new Split(examples.list(), validation.list());
        }
        return Split.holdOut(examples.list(), command.training.validation, command.training.seed);
    }

    /**
     * The flags a resumed run must repeat (and the schedule, the patience and the batching, {@link TaskOptions}).
     */
    private static final List<String> MUST_MATCH = List.of("cell", "layers", "bidirectional", "hidden",
            ModelOptions.EMBEDDING, ModelOptions.DROPOUT, ModelOptions.VARIATIONAL_DROPOUT, ModelOptions.ZONEOUT, "dtype", "batch", "seed",
            "optimizer");

    /**
     * A resumed run must repeat the model and training flags and read data that encodes as before: the same
     * vocabulary and labels.
     */
    private void requireSameData(ModelCheckpoint.Loaded resumed, DataSpec saved) {
        if (resumed == null) {
            return;
        }
        Map<String, String> asked = command.flags();
        command.tasks.requireSameSchedule(resumed.fields().checkpoint(), command.checkpoint);
        command.tasks.requireSameBatching(resumed.fields(), command.checkpoint);
        command.model.requireSameLayerNorm(resumed.description(), command.checkpoint);
        Map<String, String> trainedWith = LmCheckpoint.savedFlags(resumed.fields().checkpoint(), resumed.description());
        for (String key : MUST_MATCH) {
            String was = trainedWith.get(key);
            if (!was.equals(asked.get(key))) {
                throw new UnrollException(command.checkpoint + " was trained with " + key + " = " + was + ", but this"
                        + " run asks for " + asked.get(key) + "; pass the same flags to resume");
            }
        }
        DataSpec now = DataSpec.learn(split().training(), task, kind);
        if (!now.equals(saved)) {
            throw new UnrollException(command.checkpoint + " was trained on data with another task, tokens,"
                    + " vocabulary or labels than --data " + command.tasks.data + " gives; resume with the same"
                    + " --task, --tokens, --data and --validation");
        }
    }

    private static String describe(DataSpec spec) {
        return switch (spec.task()) {
            case CLASSIFY -> spec.labels().size() + " classes";
            case LABEL -> spec.labels().size() + " labels";
            case REGRESS -> spec.targetWidth() + " target value(s) per " + (spec.perStep() ? "token" : "sequence");
            case LM -> "vocabulary " + spec.vocab().size();
            case SEQ2SEQ -> "source vocabulary " + spec.vocab().size() + ", target vocabulary "
                    + spec.labels().size() + " (with " + DataSpec.BEGIN + " and " + DataSpec.END + ")";
        };
    }

    private void epochs(TrainingRun run, TrainingState state, TaskBatches train, TaskBatches valid, DataSpec spec,
                        EarlyStopping stopping) {
        try (TrainProgress progress = TrainProgress.open(command.gradNormLog)) {
            while (!run.done(state)) {
                String line = run.next(state, train, valid, progress).line();
                progress.clear();
                System.out.println(line);
                if (command.checkpoint != null) {
                    Checkpoints.write(command.checkpoint, TaskCheckpoint.of(flags, spec, state, stopping));
                }
            }
        } catch (TrainingDivergedException e) {
            throw new UnrollException(e.getMessage() + ". " + (command.checkpoint == null ? "Nothing was saved (no"
                    + " --checkpoint)" : "--checkpoint " + command.checkpoint + " holds the last good epoch, if"
                    + " one completed"), e);
        }
    }

    private void finish(TrainingRun run, TrainingState state, EarlyStopping stopping, DataSpec spec) {
        if (stopping != null && stopping.bestParams() != null) {
            System.out.printf("best validation %s after epoch %d%n", Metric.of(task).show("", stopping.best()),
                    stopping.bestEpoch());
        }
        run.restoreBest(state);
        if (command.npz != null) {
            NpzExport.write(command.npz, state.params(), spec);
        }
        if (command.checkpoint != null) {
            System.out.println("model: " + command.checkpoint + " (unroll predict --model " + command.checkpoint
                    + " --data FILE)");
        }
    }
}
