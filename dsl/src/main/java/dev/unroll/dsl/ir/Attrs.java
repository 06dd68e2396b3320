package dev.unroll.dsl.ir;

import dev.unroll.dsl.core.UnrollException;

/**
 * The static attributes of a node: a scalar (constants, scale factors) and an offset/size pair (slices, pads,
 * broadcasts, one-hot widths; for dropout and zoneout the site and the step, see {@link #noise}). Ops that need
 * none use {@link #NONE}. The scalar must be finite, since generated
 * code writes it as a literal; offsets and sizes are checked by each op's shape rule.
 */
public record Attrs(double scalar, int offset, int size) {

    /** No attributes. */
    public static final Attrs NONE = new Attrs(0.0, 0, 0);

    /** The step of {@link #noise} attributes whose mask changes with every step of the run. */
    public static final int RUNNING_STEP = -1;

    public Attrs {
        if (!Double.isFinite(scalar)) {
            throw new UnrollException("a node's scalar attribute must be finite, got " + scalar
                    + "; constants and scale factors are finite numbers");
        }
    }

    /** A scalar attribute (the value of a constant, the factor of a scale). */
    public static Attrs scalar(double value) {
        return new Attrs(value, 0, 0);
    }

    /** An offset and a size (a slice's start and width, a pad's start and total width). */
    public static Attrs range(int offset, int size) {
        return new Attrs(0.0, offset, size);
    }

    /** A size alone (a broadcast's target extent, a one-hot width). */
    public static Attrs size(int size) {
        return new Attrs(0.0, 0, size);
    }

    /**
     * The attributes of dropout or zoneout: probability {@code p}, a site number (one per place of randomness in a
     * model, so no two places share masks) and the step whose mask it draws: {@link #RUNNING_STEP} for the step being
     * run, or a fixed step, such as 0 for a mask locked across the steps of a sequence. Held as the scalar, the
     * offset and the size minus one.
     */
    public static Attrs noise(double p, int site, int step) {
        return new Attrs(p, site, step + 1);
    }

    /** The probability of dropout or zoneout attributes. */
    public double probability() {
        return scalar;
    }

    /** The site of dropout or zoneout attributes. */
    public int site() {
        return offset;
    }

    /** The step of dropout or zoneout attributes: {@link #RUNNING_STEP} or a fixed step. */
    public int noiseStep() {
        return size - 1;
    }
}
