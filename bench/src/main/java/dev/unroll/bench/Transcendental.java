package dev.unroll.bench;

import dev.unroll.compiler.interp.OpSemantics;
import dev.unroll.compiler.kernel.ArrayMath;
import dev.unroll.compiler.kernel.ReferenceMath;
import dev.unroll.compiler.kernel.ReferenceValue;

/**
 * The four functions {@link ArrayMath} evaluates on whole vectors, with the interpreter's scalar form, the
 * references they are measured against and the float32 domain where their results are neither saturated nor
 * out of range.
 */
enum Transcendental {
    TANH(-10f, 10f),
    SIGMOID(-104f, 18f),
    EXP(-104f, 89f),
    LOG(Float.MIN_VALUE, Float.MAX_VALUE);

    /** The least float of the domain. */
    final float lo;
    /** The greatest float of the domain. */
    final float hi;

    Transcendental(float lo, float hi) {
        this.lo = lo;
        this.hi = hi;
    }

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    boolean inDomain(float x) {
        return x >= lo && x <= hi;
    }

    /** The kernel on {@code n} floats: the vector path when the JVM has the vector module. */
    void kernel(float[] x, float[] y, int n) {
        switch (this) {
            case TANH -> ArrayMath.tanh(x, 0, y, 0, n);
            case SIGMOID -> ArrayMath.sigmoid(x, 0, y, 0, n);
            case EXP -> ArrayMath.exp(x, 0, y, 0, n);
            case LOG -> ArrayMath.log(x, 0, y, 0, n);
        }
    }

    /** The kernel on {@code n} doubles. */
    void kernel(double[] x, double[] y, int n) {
        switch (this) {
            case TANH -> ArrayMath.tanh(x, 0, y, 0, n);
            case SIGMOID -> ArrayMath.sigmoid(x, 0, y, 0, n);
            case EXP -> ArrayMath.exp(x, 0, y, 0, n);
            case LOG -> ArrayMath.log(x, 0, y, 0, n);
        }
    }

    /** The interpreter's value, which the plain path computes (rounded to float for float32). */
    double plain(double x) {
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

    /** The float64 reference, to about 100 bits. */
    ReferenceValue reference(double x) {
        return switch (this) {
            case TANH -> ReferenceMath.tanh(x);
            case SIGMOID -> ReferenceMath.sigmoid(x);
            case EXP -> ReferenceMath.exp(x);
            case LOG -> ReferenceMath.log(x);
        };
    }
}
