package dev.unroll.runtime.train;

import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.text.Sampling;
import java.util.Locale;

/**
 * The text forms of a training run's settings, as {@code unroll train}'s flags and a sweep's grid write them:
 * {@code sgd|adam}, {@code random|sequential}, {@code float32|float64} and {@code full|fixed:K|random:π}. A bad
 * value is refused with the flag's name, the allowed forms and the value.
 */
public final class TrainingFlags {

    private TrainingFlags() {
    }

    /** Parses {@code sgd} or {@code adam}, in any case. */
    public static TrainConfig.OptimizerKind optimizer(String s) {
        return switch (lower(s, "optimizer")) {
            case "sgd" -> TrainConfig.OptimizerKind.SGD;
            case "adam" -> TrainConfig.OptimizerKind.ADAM;
            default -> throw new UnrollException("--optimizer must be sgd or adam, got '" + s + "'");
        };
    }

    /** Parses {@code random} or {@code sequential}, in any case. */
    public static Sampling sampling(String s) {
        return switch (lower(s, "sampling")) {
            case "random" -> Sampling.RANDOM;
            case "sequential" -> Sampling.SEQUENTIAL;
            default -> throw new UnrollException("--sampling must be random or sequential, got '" + s + "'");
        };
    }

    /** Parses {@code float32} or {@code float64}, in any case. */
    public static Dtype dtype(String s) {
        return switch (lower(s, "dtype")) {
            case "float32" -> Dtype.FLOAT32;
            case "float64" -> Dtype.FLOAT64;
            default -> throw new UnrollException("--dtype must be float32 or float64, got '" + s + "'");
        };
    }

    /** Parses {@code full}, {@code fixed:K} or {@code random:π}. */
    public static Truncation truncation(String s) {
        String[] parts = Require.notNull(s, "TrainingFlags.truncation", "text").split(":", 2);
        try {
            return switch (parts[0]) {
                case "full" -> parts.length == 1 ? Truncation.full() : badTruncation(s);
                case "fixed" -> parts.length == 2 ? Truncation.fixed(Integer.parseInt(parts[1])) : badTruncation(s);
                case "random" -> parts.length == 2 ? Truncation.randomized(Double.parseDouble(parts[1]))
                        : badTruncation(s);
                default -> badTruncation(s);
            };
        } catch (NumberFormatException e) {
            return badTruncation(s);
        }
    }

    private static String lower(String s, String what) {
        return Require.notNull(s, "TrainingFlags." + what, "text").toLowerCase(Locale.ROOT);
    }

    private static Truncation badTruncation(String s) {
        throw new UnrollException("--truncation must be full, fixed:K (K ≥ 1 steps) or random:π (0 < π ≤ 1), got '"
                + s + "'");
    }
}
