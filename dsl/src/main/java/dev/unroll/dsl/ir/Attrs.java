package dev.unroll.dsl.ir;

import dev.unroll.dsl.core.UnrollException;

/**
 * The static attributes of a node: a scalar (constants, scale factors) and an offset/size pair (slices, pads,
 * broadcasts, one-hot widths). Ops that need none use {@link #NONE}. The scalar must be finite, since generated
 * code writes it as a literal; offsets and sizes are checked by each op's shape rule.
 */
public record Attrs(double scalar, int offset, int size) {

    /** No attributes. */
    public static final Attrs NONE = new Attrs(0.0, 0, 0);

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
}
