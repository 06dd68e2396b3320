package dev.unroll.compiler.kernel;

import dev.unroll.compiler.interp.OpSemantics;

/**
 * The four functions {@link ArrayMath} evaluates on whole vectors, with {@link Math}'s value, the references and the
 * error bound {@code docs/NUMERICS.md} documents for the vector path, in ulps, for float32 and float64 alike (the
 * largest error measured on AVX-512 and on AVX2, rounded up to a half ulp).
 */
enum Transcendental {
    TANH(1.0),
    SIGMOID(2.5),
    EXP(1.0),
    LOG(1.0);

    /** The documented bound, in ulps. */
    final double bound;

    Transcendental(double bound) {
        this.bound = bound;
    }

    void kernel(float[] x, float[] y, int n) {
        switch (this) {
            case TANH -> ArrayMath.tanh(x, 0, y, 0, n);
            case SIGMOID -> ArrayMath.sigmoid(x, 0, y, 0, n);
            case EXP -> ArrayMath.exp(x, 0, y, 0, n);
            case LOG -> ArrayMath.log(x, 0, y, 0, n);
        }
    }

    void kernel(double[] x, double[] y, int n) {
        switch (this) {
            case TANH -> ArrayMath.tanh(x, 0, y, 0, n);
            case SIGMOID -> ArrayMath.sigmoid(x, 0, y, 0, n);
            case EXP -> ArrayMath.exp(x, 0, y, 0, n);
            case LOG -> ArrayMath.log(x, 0, y, 0, n);
        }
    }

    /** The interpreter's value, which the plain path computes. */
    double math(double x) {
        return switch (this) {
            case TANH -> Math.tanh(x);
            case SIGMOID -> OpSemantics.sigmoid(x);
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
        };
    }

    /** The float32 reference: the function in double through {@link StrictMath}. */
    double strict(double x) {
        return switch (this) {
            case TANH -> StrictMath.tanh(x);
            case SIGMOID -> 1 / (1 + StrictMath.exp(-x));
            case EXP -> StrictMath.exp(x);
            case LOG -> StrictMath.log(x);
        };
    }

    ReferenceValue reference(double x) {
        return switch (this) {
            case TANH -> ReferenceMath.tanh(x);
            case SIGMOID -> ReferenceMath.sigmoid(x);
            case EXP -> ReferenceMath.exp(x);
            case LOG -> ReferenceMath.log(x);
        };
    }
}
