package dev.unroll.compiler.bptt;

import dev.unroll.dsl.core.UnrollException;

/** A gradient became NaN or infinite: names the parameter and the time step where it first did. */
public final class NonFiniteGradientException extends UnrollException {

    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final int step;
    private final double value;

    public NonFiniteGradientException(String parameter, int step, double value) {
        super("the gradient of '" + parameter + "' is " + value + (step >= 0 ? " at time step " + step : "")
                + "; the update was not applied. Lower the learning rate, clip gradients, or check the inputs"
                + " (log of a non-positive value, division by zero)");
        this.parameter = parameter;
        this.step = step;
        this.value = value;
    }

    /** The parameter (or state or input) whose gradient is not finite. */
    public String parameter() {
        return parameter;
    }

    /** The time step where it first became non-finite, or −1 when unknown. */
    public int step() {
        return step;
    }

    /** The non-finite value (NaN or an infinity). */
    public double value() {
        return value;
    }
}
