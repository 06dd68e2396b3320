package dev.unroll.spark.sweep;

import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.inference.Architecture;
import dev.unroll.runtime.inference.CellChoice;
import dev.unroll.runtime.train.TrainingFlags;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A training option a sweep can vary, named as {@code unroll train}'s flag without the dashes, with that command's
 * default; {@link #check} validates one value on its own (the combination is checked when a configuration is built).
 */
public enum SweepOption {
    CELL("lstm"),
    HIDDEN("256"),
    LAYERS("1"),
    LR("1"),
    OPTIMIZER("sgd"),
    TRUNCATION("full"),
    DROPOUT("0"),
    CLIP("1"),
    EPOCHS("30"),
    BATCH("32"),
    STEPS("35"),
    SEED("42");

    /** The most sequences per minibatch and steps per sequence a sweep accepts, as the command line does. */
    static final int MAX_BATCH_OR_STEPS = 1 << 20;
    /** The most epochs a sweep accepts, as the command line does. */
    static final int MAX_EPOCHS = 1_000_000;

    private final String defaultValue;

    SweepOption(String defaultValue) {
        this.defaultValue = defaultValue;
    }

    /** The option's name in a grid, e.g. {@code lr}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value a configuration takes when the grid does not list the option. */
    public String defaultValue() {
        return defaultValue;
    }

    /** Every option's name, for error messages. */
    public static String keys() {
        return Arrays.stream(values()).map(SweepOption::key).collect(Collectors.joining(", "));
    }

    /** The option named {@code key}; {@code where} says where the name came from. */
    public static SweepOption named(String key, String where) {
        for (SweepOption o : values()) {
            if (o.key().equals(key)) {
                return o;
            }
        }
        throw new UnrollException("unknown sweep option '" + key + "' in " + where + "; the options are " + keys());
    }

    /** Refuses a value this option can never take, saying which rule it breaks; {@code where} names its origin. */
    public void check(String value, String where) {
        try {
            switch (this) {
                case CELL -> requireStandardCell(value);
                case HIDDEN -> range(value, 1, Architecture.MAX_HIDDEN);
                case LAYERS -> range(value, 1, Architecture.MAX_LAYERS);
                case LR -> positive(value);
                case OPTIMIZER -> TrainingFlags.optimizer(value);
                case TRUNCATION -> TrainingFlags.truncation(value);
                case DROPOUT -> fraction(value);
                case CLIP -> nonNegative(value);
                case EPOCHS -> range(value, 1, MAX_EPOCHS);
                case BATCH, STEPS -> range(value, 1, MAX_BATCH_OR_STEPS);
                case SEED -> Long.parseLong(value);
            }
        } catch (NumberFormatException e) {
            throw new UnrollException("sweep option " + key() + " in " + where + " must be " + numberKind() + ", got '"
                    + value + "'", e);
        } catch (UnrollException e) {
            throw new UnrollException("sweep option " + key() + " in " + where + ": " + e.getMessage(), e);
        }
    }

    private static void requireStandardCell(String value) {
        // A custom cell class would have to be on every executor's class path; standard cells need nothing.
        if (!CellChoice.STANDARD.contains(value)) {
            throw new UnrollException("the cell must be one of " + CellChoice.STANDARD + ", got '" + value + "'");
        }
    }

    private static void range(String value, int min, int max) {
        int v = Integer.parseInt(value);
        if (v < min || v > max) {
            throw new UnrollException("the value must be an integer from " + min + " to " + max + ", got " + v);
        }
    }

    private static void positive(String value) {
        double v = Double.parseDouble(value);
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new UnrollException("the value must be finite and > 0, got " + value);
        }
    }

    private static void nonNegative(String value) {
        double v = Double.parseDouble(value);
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new UnrollException("the value must be finite and ≥ 0, got " + value);
        }
    }

    private static void fraction(String value) {
        double v = Double.parseDouble(value);
        if (!(v >= 0 && v < 1)) {
            throw new UnrollException("the value must be a probability in [0, 1), got " + value);
        }
    }

    private String numberKind() {
        return switch (this) {
            case HIDDEN, LAYERS, EPOCHS, BATCH, STEPS, SEED -> "an integer";
            case CELL, LR, OPTIMIZER, TRUNCATION, DROPOUT, CLIP -> "a number";
        };
    }
}
