package dev.unroll.dsl;

import dev.unroll.dsl.core.UnrollException;

/**
 * How a parameter's initial values are drawn. The DSL only records the choice; the runtime draws the values
 * through a seeded generator, so the same seed always gives the same parameters.
 */
public sealed interface Init {

    /**
     * How far from its mean, in standard deviations, a normal draw may lie; the polar method of the generators
     * reaches at most about 12, so a normal initializer is accepted only if every value within this many is finite.
     */
    double MAX_DEVIATIONS = 64;

    /** The largest Xavier-uniform gain: its widest range {@code 2·gain·√3} (one fan in, one out) stays finite. */
    double MAX_XAVIER_UNIFORM_GAIN = Double.MAX_VALUE / (2 * Math.sqrt(3));

    /** The largest Xavier-normal gain: its largest σ, {@code gain}, times {@link #MAX_DEVIATIONS} stays finite. */
    double MAX_XAVIER_NORMAL_GAIN = Double.MAX_VALUE / MAX_DEVIATIONS;

    /** All zeros (the usual choice for biases). */
    record Zeros() implements Init {
    }

    /** Every element equal to {@code value}. */
    record Constant(double value) implements Init {
        public Constant {
            requireFinite("constant", value);
        }
    }

    /** Uniform on {@code [low, high)}. */
    record Uniform(double low, double high) implements Init {
        public Uniform {
            requireFinite("uniform low", low);
            requireFinite("uniform high", high);
            if (!(low < high)) {
                throw new UnrollException("Init.uniform needs low < high, got low " + low + ", high " + high);
            }
            if (!Double.isFinite(high - low)) {
                throw new UnrollException("Init.uniform needs a finite width high - low, since a draw is low + width·u;"
                        + " got low " + low + ", high " + high + " (width " + (high - low) + "); narrow the range");
            }
        }
    }

    /** Normal with the given mean and standard deviation. */
    record Normal(double mean, double std) implements Init {
        public Normal {
            requireFinite("normal mean", mean);
            if (!(std > 0) || Double.isInfinite(std)) {
                throw new UnrollException("Init.normal needs a finite std > 0, got " + std);
            }
            if (!Double.isFinite(Math.abs(mean) + MAX_DEVIATIONS * std)) {
                throw new UnrollException("Init.normal needs |mean| + " + (int) MAX_DEVIATIONS + "·std finite, so that"
                        + " every draw is finite; got mean " + mean + ", std " + std + "; use a smaller std or mean");
            }
        }
    }

    /** Xavier/Glorot uniform: {@code U(-a, a)} with {@code a = gain · sqrt(6 / (fanIn + fanOut))}. */
    record XavierUniform(double gain) implements Init {
        public XavierUniform {
            requireGain("xavier gain", gain, MAX_XAVIER_UNIFORM_GAIN);
        }
    }

    /** Xavier/Glorot normal: {@code N(0, σ²)} with {@code σ = gain · sqrt(2 / (fanIn + fanOut))}. */
    record XavierNormal(double gain) implements Init {
        public XavierNormal {
            requireGain("xavier normal gain", gain, MAX_XAVIER_NORMAL_GAIN);
        }
    }

    /** All zeros. */
    static Init zeros() {
        return new Zeros();
    }

    /** Every element equal to {@code value}. */
    static Init constant(double value) {
        return new Constant(value);
    }

    /** Uniform on {@code [low, high)}. */
    static Init uniform(double low, double high) {
        return new Uniform(low, high);
    }

    /** Normal with the given mean and standard deviation. */
    static Init normal(double mean, double std) {
        return new Normal(mean, std);
    }

    /** Xavier/Glorot uniform with gain 1. */
    static Init xavier() {
        return new XavierUniform(1.0);
    }

    /** Xavier/Glorot normal with gain 1. */
    static Init xavierNormal() {
        return new XavierNormal(1.0);
    }

    private static void requireFinite(String what, double v) {
        if (!Double.isFinite(v)) {
            throw new UnrollException("Init: " + what + " must be finite, got " + v);
        }
    }

    private static void requireGain(String what, double v, double max) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new UnrollException("Init: " + what + " must be finite and > 0, got " + v);
        }
        if (v > max) {
            throw new UnrollException("Init: " + what + " must be at most " + max + ", so that every draw is finite;"
                    + " got " + v);
        }
    }
}
