package dev.unroll.examples.cli;

import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.data.Task;
import dev.unroll.runtime.train.LrSchedule;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The flags of sequence tasks: the task, its data files, the learning-rate schedule and early stopping. */
final class TaskOptions {

    @Option(names = "--task", defaultValue = "lm", paramLabel = "classify|label|regress|lm",
            description = "What to learn: one label per sequence, one label per token, numbers (mean squared"
                    + " error), or the next token of a text (default: ${DEFAULT-VALUE}).")
    String task;

    @Option(names = "--data", paramLabel = "FILE", description = "Examples for classify, label or regress, one per"
            + " line: sequence<TAB>target (docs/TASKS.md). --validation holds out a share of them.")
    Path data;

    @Option(names = "--validation-data", paramLabel = "FILE", description = "Validation examples in the format of"
            + " --data, instead of holding out a share of --data.")
    Path validationData;

    @Option(names = "--lr-schedule", defaultValue = "constant", paramLabel = "constant|step:EVERY:FACTOR|cosine",
            description = "The learning rate per epoch: constant, times FACTOR every EVERY epochs, or a half cosine"
                    + " to 0 over the epochs (classify, label, regress; default: ${DEFAULT-VALUE}).")
    String lrSchedule;

    @Option(names = "--early-stopping", defaultValue = "0", paramLabel = "PATIENCE", description = "Stop after"
            + " PATIENCE epochs without a better validation metric and keep the best epoch's parameters; 0 = off"
            + " (classify, label, regress; default: ${DEFAULT-VALUE}).")
    int patience;

    /** Checks the flags together with whether a text was given and the validation share. */
    void validate(boolean textGiven, double validation) {
        Task t = task();
        schedule();
        Flags.range("--early-stopping", patience, 0, TrainingOptions.MAX_EPOCHS);
        if (t == Task.LM) {
            if (data != null || validationData != null) {
                throw new UnrollException("--task lm reads --text FILE (or the built-in --corpus); --data and"
                        + " --validation-data are for --task classify, label or regress");
            }
            if (patience > 0 || !"constant".equals(lrSchedule)) {
                throw new UnrollException("--early-stopping and --lr-schedule are for --task classify, label or"
                        + " regress; a language model trains at a constant rate for --epochs");
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
        if (patience > 0 && validationData == null && validation == 0) {
            throw new UnrollException("--early-stopping watches the validation metric, but --validation is 0 and"
                    + " there is no --validation-data; hold out a share or give a validation file");
        }
    }

    Task task() {
        return switch (task.toLowerCase(Locale.ROOT)) {
            case "classify" -> Task.CLASSIFY;
            case "label" -> Task.LABEL;
            case "regress" -> Task.REGRESS;
            case "lm" -> Task.LM;
            default -> throw new UnrollException("--task must be classify, label, regress or lm, got '" + task + "'");
        };
    }

    LrSchedule schedule() {
        return LrSchedule.parse(lrSchedule);
    }
}
