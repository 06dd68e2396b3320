package dev.unroll.runtime.inference;

import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.checkpoint.CheckpointFields;
import dev.unroll.runtime.text.Sampling;
import dev.unroll.runtime.train.TrainConfig;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The training state a language-model checkpoint of {@code unroll train} adds to its model: the training settings
 * (checked alone and then together by the rules of {@link TrainConfig}) and the completed epochs. A checkpoint
 * saved by {@link ModelCheckpoint#save} has none.
 *
 * @param settings the settings the run trained with (epochs, clipping, threads and validation are not recorded)
 * @param epochsDone the completed epochs
 */
public record SavedTraining(TrainConfig settings, int epochsDone) {

    /** The metadata fields of the training state; a checkpoint with any of them must have all. */
    public static final List<String> FIELDS = List.of("steps", "batch", "seed", "optimizer", "lr", "truncation",
            "sampling", "epochs_done");

    /** The optimizer as the command line names it. */
    public String optimizerName() {
        return settings.optimizer().name().toLowerCase(Locale.ROOT);
    }

    /** The training state of {@code f}, each field checked; empty if it has none of {@link #FIELDS}. */
    static Optional<SavedTraining> read(CheckpointFields f, Dtype dtype) {
        if (FIELDS.stream().noneMatch(f.checkpoint().metadata()::containsKey)) {
            return Optional.empty();
        }
        int steps = f.integer("steps", 1, Integer.MAX_VALUE);
        int batch = f.integer("batch", 1, Integer.MAX_VALUE);
        long seed = f.whole("seed", Long.MIN_VALUE, Long.MAX_VALUE);
        String optimizer = f.choice("optimizer", List.of("sgd", "adam"));
        double lr = f.positive("lr");
        String sampling = f.choice("sampling", List.of("random", "sequential"));
        String text = f.text("truncation");
        Truncation truncation = truncation(text).orElseThrow(() -> f.invalid("the metadata field 'truncation' must"
                + " be full, fixed:K (K ≥ 1) or random:π (0 < π ≤ 1), but is " + CheckpointFields.quote(text)));
        TrainConfig settings;
        try {
            settings = new TrainConfig(steps, batch, 1, lr, TrainConfig.OptimizerKind.valueOf(upper(optimizer)), 0,
                    truncation, Sampling.valueOf(upper(sampling)), dtype, 1, seed, 0, Double.POSITIVE_INFINITY);
        } catch (UnrollException e) {
            throw f.invalid("its training settings do not fit together: " + e.getMessage());
        }
        return Optional.of(new SavedTraining(settings, f.integer("epochs_done", 0, Integer.MAX_VALUE)));
    }

    /** Parses {@code full}, {@code fixed:K} or {@code random:π}; empty if {@code text} is none of them. */
    public static Optional<Truncation> truncation(String text) {
        String[] parts = text.split(":", 2);
        try {
            return switch (parts[0]) {
                case "full" -> parts.length == 1 ? Optional.of(Truncation.full()) : Optional.empty();
                case "fixed" -> parts.length == 2 ? Optional.of(Truncation.fixed(Integer.parseInt(parts[1])))
                        : Optional.empty();
                case "random" -> parts.length == 2
                        ? Optional.of(Truncation.randomized(Double.parseDouble(parts[1]))) : Optional.empty();
                default -> Optional.empty();
            };
        } catch (NumberFormatException | UnrollException e) {
            return Optional.empty();
        }
    }

    private static String upper(String name) {
        return name.toUpperCase(Locale.ROOT);
    }
}
