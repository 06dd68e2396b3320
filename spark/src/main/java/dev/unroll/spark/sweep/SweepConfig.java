package dev.unroll.spark.sweep;

import dev.unroll.compiler.model.Regularization;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.inference.Architecture;
import dev.unroll.runtime.text.Sampling;
import dev.unroll.runtime.train.TrainConfig;
import dev.unroll.runtime.train.TrainingFlags;
import java.io.Serializable;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One configuration of a sweep: its id (which names its files) and a value for every {@link SweepOption}, checked
 * on its own and in combination when the configuration is made.
 *
 * @param id the configuration's number in its sweep, from 0
 * @param values the text of every option's value
 */
public record SweepConfig(int id, Map<SweepOption, String> values) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One worker thread per run: a sweep gets its parallelism from running many runs at once. */
    static final int THREADS = 1;

    public SweepConfig {
        if (id < 0) {
            throw new UnrollException("a sweep configuration's id must be ≥ 0, got " + id);
        }
        EnumMap<SweepOption, String> copy = new EnumMap<>(SweepOption.class);
        for (SweepOption o : SweepOption.values()) {
            String value = values.get(o);
            if (value == null) {
                throw new UnrollException("sweep configuration " + id + " has no value for " + o.key()
                        + "; give every option a value (SweepGrid fills in the defaults)");
            }
            o.check(value, "configuration " + id);
            copy.put(o, value);
        }
        values = Collections.unmodifiableMap(copy);
        requireConsistent(id, values);
    }

    private static void requireConsistent(int id, Map<SweepOption, String> values) {
        try {
            trainConfig(values, 1, 0);
        } catch (UnrollException e) {
            throw new UnrollException("sweep configuration " + id + " (" + describe(values) + ") is inconsistent: "
                    + e.getMessage(), e);
        }
    }

    /** The text of {@code option}'s value. */
    public String text(SweepOption option) {
        return values.get(option);
    }

    private static int integer(Map<SweepOption, String> values, SweepOption option) {
        return Integer.parseInt(values.get(option));
    }

    private static double number(Map<SweepOption, String> values, SweepOption option) {
        return Double.parseDouble(values.get(option));
    }

    /** The layers: a unidirectional stack of the cell with dropout on every layer's output. */
    public Architecture architecture() {
        return Architecture.of(text(SweepOption.CELL), integer(values, SweepOption.LAYERS),
                integer(values, SweepOption.HIDDEN))
                .withRegularization(Regularization.NONE.withDropout(number(values, SweepOption.DROPOUT)));
    }

    /**
     * The training settings for a vocabulary of {@code vocabulary} tokens with {@code validation} of the text held
     * out: random minibatches, float32, one thread, and divergence at 1000 × the perplexity of uniform guessing, as
     * {@code unroll train} does by default.
     */
    public TrainConfig trainConfig(int vocabulary, double validation) {
        return trainConfig(values, vocabulary, validation);
    }

    private static TrainConfig trainConfig(Map<SweepOption, String> values, int vocabulary, double validation) {
        return new TrainConfig(integer(values, SweepOption.STEPS), integer(values, SweepOption.BATCH),
                integer(values, SweepOption.EPOCHS), number(values, SweepOption.LR),
                TrainingFlags.optimizer(values.get(SweepOption.OPTIMIZER)), number(values, SweepOption.CLIP),
                TrainingFlags.truncation(values.get(SweepOption.TRUNCATION)), Sampling.RANDOM, Dtype.FLOAT32,
                THREADS, Long.parseLong(values.get(SweepOption.SEED)), validation,
                TrainConfig.maxLossFor(vocabulary, 1000));
    }

    /** The values as {@code name=value} pairs, e.g. {@code cell=lstm hidden=16 ...}. */
    public String describe() {
        return describe(values);
    }

    private static String describe(Map<SweepOption, String> values) {
        return values.entrySet().stream().map(e -> e.getKey().key() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }
}
