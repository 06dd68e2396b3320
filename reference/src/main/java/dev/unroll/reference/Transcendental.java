package dev.unroll.reference;

import dev.unroll.kernels.ArrayMath;
import dev.unroll.kernels.Scalar;
import java.util.Locale;

/**
 * The four functions {@link ArrayMath} evaluates on whole vectors, for measuring and testing their accuracy: the
 * kernel, the interpreter's scalar value, the references (double {@link StrictMath} for float32,
 * {@link ReferenceMath} for float64), the float32 domain where results are neither saturated nor out of range, and
 * the error bound docs/NUMERICS.md documents for the vector path, in ulps, for float32 and float64 alike (the
 * largest error measured on AVX-512 and on AVX2, rounded up to a half ulp).
 */
public enum Transcendental {
    TANH(-10f, 10f, 1.0),
    SIGMOID(-104f, 18f, 1.0),
    EXP(-104f, 89f, 1.0),
    LOG(Float.MIN_VALUE, Float.MAX_VALUE, 1.0);

    private final float lo;
    private final float hi;
    private final double bound;

    Transcendental(float lo, float hi, double bound) {
        this.lo = lo;
        this.hi = hi;
        this.bound = bound;
    }

    /** The least float of the domain. */
    public float lo() {
        return lo;
    }

    /** The greatest float of the domain. */
    public float hi() {
        return hi;
    }

    /** The documented bound of the vector path, in ulps. */
    public double bound() {
        return bound;
    }

    /** The lower-case name, as in {@code tanh}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether {@code x} lies in the float32 domain. */
    public boolean inDomain(float x) {
        return x >= lo && x <= hi;
    }

    /** The kernel on {@code n} floats: the vector path when the JVM has the vector module. */
    public void kernel(float[] x, float[] y, int n) {
        switch (this) {
            case TANH -> ArrayMath.tanh(x, 0, y, 0, n);
            case SIGMOID -> ArrayMath.sigmoid(x, 0, y, 0, n);
            case EXP -> ArrayMath.exp(x, 0, y, 0, n);
            case LOG -> ArrayMath.log(x, 0, y, 0, n);
        }
    }

    /** The kernel on {@code n} doubles. */
    public void kernel(double[] x, double[] y, int n) {
        switch (this) {
            case TANH -> ArrayMath.tanh(x, 0, y, 0, n);
            case SIGMOID -> ArrayMath.sigmoid(x, 0, y, 0, n);
            case EXP -> ArrayMath.exp(x, 0, y, 0, n);
            case LOG -> ArrayMath.log(x, 0, y, 0, n);
        }
    }

    /** The interpreter's value, which the plain path computes (rounded to float for float32). */
    public double plain(double x) {
        return switch (this) {
            case TANH -> Math.tanh(x);
            case SIGMOID -> Scalar.sigmoid(x);
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
        };
    }

    /** The float32 reference: the function in double through {@link StrictMath}. */
    public double strict(double x) {
        return switch (this) {
            case TANH -> StrictMath.tanh(x);
            case SIGMOID -> 1 / (1 + StrictMath.exp(-x));
            case EXP -> StrictMath.exp(x);
            case LOG -> StrictMath.log(x);
        };
    }

    /** The float64 reference, to about 100 bits. */
    public ReferenceValue reference(double x) {
        return switch (this) {
            case TANH -> ReferenceMath.tanh(x);
            case SIGMOID -> ReferenceMath.sigmoid(x);
            case EXP -> ReferenceMath.exp(x);
            case LOG -> ReferenceMath.log(x);
        };
    }
}
