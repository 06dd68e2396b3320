package dev.unroll.dsl;

/**
 * How a parameter's initial values are drawn. The DSL only records the choice; the runtime draws the values
 * through a seeded generator, so the same seed always gives the same parameters.
 */
public sealed interface Init {

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
        }
    }

    /** Normal with the given mean and standard deviation. */
    record Normal(double mean, double std) implements Init {
        public Normal {
            requireFinite("normal mean", mean);
            if (!(std > 0) || Double.isInfinite(std)) {
                throw new UnrollException("Init.normal needs a finite std > 0, got " + std);
            }
        }
    }

    /** Xavier/Glorot uniform: {@code U(-a, a)} with {@code a = gain · sqrt(6 / (fanIn + fanOut))}. */
    record XavierUniform(double gain) implements Init {
        public XavierUniform {
            requirePositive("xavier gain", gain);
        }
    }

    /** Xavier/Glorot normal: {@code N(0, σ²)} with {@code σ = gain · sqrt(2 / (fanIn + fanOut))}. */
    record XavierNormal(double gain) implements Init {
        public XavierNormal {
            requirePositive("xavier gain", gain);
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

    private static void requirePositive(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new UnrollException("Init: " + what + " must be finite and > 0, got " + v);
        }
    }
}
