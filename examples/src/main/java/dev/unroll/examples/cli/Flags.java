package dev.unroll.examples.cli;

import dev.unroll.dsl.core.UnrollException;

/**
 * Range checks for command-line flags, run before a command does any work, so that a bad value is one clear
 * error naming the flag, the rule and the value instead of a failure deep inside (or after) training.
 */
final class Flags {

    /** The most hidden units per layer: a gate's {@code H × 4H} matrix of 2^30 elements still fits a Java array. */
    static final int MAX_HIDDEN = 16_384;

    /** The most stacked layers. */
    static final int MAX_LAYERS = 64;

    /** The longest sequence T a command accepts. */
    static final int MAX_STEPS = 100_000;

    /** The largest minibatch B a command accepts. */
    static final int MAX_BATCH = 100_000;

    /** The most tokens {@code --generate} produces. */
    static final int MAX_GENERATE = 100_000;

    /** The most worker threads. */
    static final int MAX_THREADS = 256;

    /** The largest vocabulary of the commands that make one up ({@code inspect}, {@code gradcheck}). */
    static final int MAX_VOCAB = 1_000_000;

    private Flags() {
    }

    /** {@code value} if it is in {@code [min, max]}, else an error naming {@code flag}. */
    static int range(String flag, int value, int min, int max) {
        if (value < min || value > max) {
            throw new UnrollException(flag + " must be an integer from " + min + " to " + max + ", got " + value);
        }
        return value;
    }

    /** {@code value} if it is finite and {@code > 0}. */
    static double positive(String flag, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new UnrollException(flag + " must be a finite number > 0, got " + format(value));
        }
        return value;
    }

    /** {@code value} if it is finite and {@code ≥ 0}. */
    static double nonNegative(String flag, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new UnrollException(flag + " must be a finite number ≥ 0, got " + format(value));
        }
        return value;
    }

    /** {@code value} if it is in {@code [min, max)}. */
    static double fraction(String flag, double value, double min, double max) {
        if (!(value >= min && value < max)) {
            throw new UnrollException(flag + " must be ≥ " + format(min) + " and < " + format(max) + ", got "
                    + format(value));
        }
        return value;
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
