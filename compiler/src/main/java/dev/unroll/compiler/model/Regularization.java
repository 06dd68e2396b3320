package dev.unroll.compiler.model;

import dev.unroll.dsl.core.UnrollException;

/**
 * The random regularization of a model, each a probability in {@code [0, 1)}, 0 for none. The planner places it
 * ({@link Planner}); it acts only in training mode.
 *
 * @param dropout inverted dropout on every layer's output: between stacked layers and before the head
 * @param variational locked (variational) dropout, one mask per sequence, on every layer's output and where each
 *     layer's cell reads the state its output comes from (Gal and Ghahramani)
 * @param zoneout zoneout of every state's next value (Krueger et al.)
 */
public record Regularization(double dropout, double variational, double zoneout) {

    /** No dropout and no zoneout. */
    public static final Regularization NONE = new Regularization(0, 0, 0);

    public Regularization {
        check("dropout", dropout);
        check("variational dropout", variational);
        check("zoneout", zoneout);
    }

    private static void check(String what, double p) {
        if (!(p >= 0 && p < 1)) {
            throw new UnrollException("the " + what + " probability must be in [0, 1) (0 for none), got " + p);
        }
    }

    /** This regularization with {@code p} as its dropout probability. */
    public Regularization withDropout(double p) {
        return new Regularization(p, variational, zoneout);
    }

    /** This regularization with {@code p} as its variational dropout probability. */
    public Regularization withVariational(double p) {
        return new Regularization(dropout, p, zoneout);
    }

    /** This regularization with {@code p} as its zoneout probability. */
    public Regularization withZoneout(double p) {
        return new Regularization(dropout, variational, p);
    }

    /** Whether any option acts. */
    public boolean any() {
        return dropout > 0 || variational > 0 || zoneout > 0;
    }
}
