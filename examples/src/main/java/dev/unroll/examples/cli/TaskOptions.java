package dev.unroll.examples.cli;

import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.data.Task;
import dev.unroll.runtime.checkpoint.Checkpoint;
import dev.unroll.runtime.checkpoint.CheckpointFields;
import dev.unroll.runtime.train.EarlyStopping;
import dev.unroll.runtime.train.LrSchedule;
import dev.unroll.runtime.train.Metric;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** The flags of sequence tasks: the task, its data files, the learning-rate schedule and early stopping. */
final class TaskOptions {

    private static final String SCHEDULE = "lr_schedule";
    private static final String PATIENCE = "early_stopping";
    private static final String MIXED = "mixed_lengths";

    @Option(names = "--task", defaultValue = "lm", paramLabel = "classify|label|regress|lm|seq2seq",
            description = "What to learn: one label per sequence, one label per token, numbers (mean squared"
                    + " error), the next token of a text, or a target sequence from a source sequence with an"
                    + " encoder and a decoder (default: ${DEFAULT-VALUE}).")
    String task;

    @Option(names = "--data", paramLabel = "FILE", description = "Examples for classify, label, regress or seq2seq,"
            + " one per line: sequence<TAB>target (docs/TASKS.md). --validation holds out a share of them.")
    Path data;

    @Option(names = "--validation-data", paramLabel = "FILE", description = "Validation examples in the format of"
            + " --data, instead of holding out a share of --data.")
    Path validationData;

    @Option(names = "--lr-schedule", defaultValue = "constant", paramLabel = "constant|step:EVERY:FACTOR|cosine",
            description = "The learning rate per epoch: constant, times FACTOR every EVERY epochs, or a half cosine"
                    + " to 0 over the epochs (default: ${DEFAULT-VALUE}).")
    String lrSchedule;

    @Option(names = "--early-stopping", defaultValue = "0", paramLabel = "PATIENCE", description = "Stop after"
            + " PATIENCE epochs without a better validation metric and keep the best epoch's parameters; 0 = off"
            + " (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--mixed-lengths", description = "Batch sequences of nearby lengths together, padded on the"
            + " right, and train a masked model that reads each row's own length (classify, label, regress); by"
            + " default a batch holds sequences of one length. Seq2seq batches are always mixed.")
    boolean mixedLengths;

    /** Checks the flags together with whether a text was given and the validation share. */
    void validate(boolean textGiven, double validation) {
        Task t = task();
        schedule();
        Flags.range("--early-stopping", patience, 0, TrainingOptions.MAX_EPOCHS);
        if (patience > 0 && validationData == null && validation == 0) {
            throw new UnrollException("--early-stopping watches the validation metric, but --validation is 0 and"
                    + " there is no --validation-data; hold out a share or give a validation file");
        }
        if (t == Task.LM) {
            if (mixedLengths) {
                throw new UnrollException("--mixed-lengths batches the sequences of --task classify, label or"
                        + " regress; --task lm reads windows of one length, so drop --mixed-lengths");
            }
            if (data != null || validationData != null) {
                throw new UnrollException("--task lm reads --text FILE (or the built-in --corpus); --data and"
                        + " --validation-data are for --task classify, label, regress or seq2seq");
            }
            return;
        }
        if (data == null) {
            throw new UnrollException("--task " + t.flag() + " needs --data FILE with one example per line,"
                    + " sequence<TAB>target (docs/TASKS.md)");
        }
        if (textGiven) {
            throw new UnrollException("--text is the corpus of --task lm; --task " + t.flag() + " reads --data FILE");
        }
    }

    Task task() {
        return switch (task.toLowerCase(Locale.ROOT)) {
            case "classify" -> Task.CLASSIFY;
            case "label" -> Task.LABEL;
            case "regress" -> Task.REGRESS;
            case "lm" -> Task.LM;
            case "seq2seq" -> Task.SEQ2SEQ;
            default -> throw new UnrollException("--task must be classify, label, regress, lm or seq2seq, got '" + task
                    + "'");
        };
    }

    LrSchedule schedule() {
        return LrSchedule.parse(lrSchedule);
    }

    /** Early stopping on the task's metric, or {@code null} with a patience of 0. */
    EarlyStopping stopping() {
        return patience == 0 ? null : new EarlyStopping(Metric.of(task()), patience);
    }

    /**
     * Adds the schedule and the patience to a checkpoint's flags, only when they are not the defaults, so that a
     * language model's checkpoint without them stays as it was; a sequence task's checkpoint also records whether
     * its minibatches mix lengths.
     */
    void flags(Map<String, String> flags) {
        if (!(schedule() instanceof LrSchedule.Constant)) {
            flags.put(SCHEDULE, schedule().text());
        }
        if (patience > 0) {
            flags.put(PATIENCE, Integer.toString(patience));
        }
        if (task() != Task.LM) {
            flags.put(MIXED, Boolean.toString(mixedLengths));
        }
    }

    /** A resumed run must repeat the schedule and the patience (a checkpoint without them had the defaults). */
    void requireSameSchedule(Checkpoint c, Path file) {
        Map<String, String> now = new LinkedHashMap<>();
        flags(now);
        for (String key : List.of(SCHEDULE, PATIENCE)) {
            String was = c.metadata().getOrDefault(key, key.equals(SCHEDULE) ? "constant" : "0");
            String asked = now.getOrDefault(key, key.equals(SCHEDULE) ? "constant" : "0");
            if (!was.equals(asked)) {
                throw new UnrollException(file + " was trained with " + key + " = " + was + ", but this run asks"
                        + " for " + asked + "; pass the same flags to resume");
            }
        }
    }

    /**
     * A resumed sequence-task run must form its minibatches as before, or it would continue on other batches than
     * the run it resumes. A checkpoint without the field was written before it was recorded, when no run mixed
     * lengths.
     */
    void requireSameBatching(CheckpointFields saved, Path file) {
        boolean was = saved.checkpoint().metadata().containsKey(MIXED) && saved.bool(MIXED);
        if (was && !mixedLengths) {
            throw new UnrollException(file + " was trained with --mixed-lengths (minibatches of nearby lengths),"
                    + " but this run does not give it; add --mixed-lengths to resume");
        }
        if (!was && mixedLengths) {
            throw new UnrollException(file + " was trained without --mixed-lengths (minibatches of one length"
                    + " each), but this run gives it; drop --mixed-lengths to resume");
        }
    }
}
