package dev.unroll.compiler.kernel;

/**
 * The functions generated kernels apply to whole blocks, {@code dst[dOff + i] = f(src[sOff + i])} for
 * {@code i < n}: the transcendental ones, and {@code relu} and {@code step}, whose scalar loops branch on the sign
 * and mispredict half the time on random data where a vector blend has no branch.
 *
 * <p>On the vector path ({@link Acceleration}) they run on {@link VectorMath}: {@code tanh}, {@code exp} and
 * {@code log} are the vector API's (on x86 the JDK calls Intel's short-vector math library; float32 computes in
 * float), the logistic function is the interpreter's {@code 1 / (1 + e)} or {@code e / (1 + e)} with
 * {@code e = exp(−|x|)} on those, and {@code relu} and {@code step} are exact (NaN gives 0, as in the interpreter).
 * Measured against correctly rounded values, {@code tanh}, {@code exp} and {@code log} are within 1 ulp in float32
 * and float64 and the logistic function within 2.5 ulp, and NaN, infinities and zeros are {@link Math}'s
 * ({@code docs/NUMERICS.md}). Otherwise they run on {@link PlainMath}, exactly the interpreter's arithmetic.
 */
public final class ArrayMath {

    private ArrayMath() {
    }

    /** {@code tanh}. */
    public static void tanh(double[] src, int sOff, double[] dst, int dOff, int n) {
        if (Acceleration.VECTOR) {
            VectorMath.tanh(src, sOff, dst, dOff, n);
        } else {
            PlainMath.tanh(src, sOff, dst, dOff, n);
        }
    }

    /** The logistic function, as {@code OpSemantics.sigmoid}. */
    public static void sigmoid(double[] src, int sOff, double[] dst, int dOff, int n) {
        if (Acceleration.VECTOR) {
            VectorMath.sigmoid(src, sOff, dst, dOff, n);
        } else {
            PlainMath.sigmoid(src, sOff, dst, dOff, n);
        }
    }

    /** {@code exp}. */
    public static void exp(double[] src, int sOff, double[] dst, int dOff, int n) {
        if (Acceleration.VECTOR) {
            VectorMath.exp(src, sOff, dst, dOff, n);
        } else {
            PlainMath.exp(src, sOff, dst, dOff, n);
        }
    }

    /** {@code log}. */
    public static void log(double[] src, int sOff, double[] dst, int dOff, int n) {
        if (Acceleration.VECTOR) {
            VectorMath.log(src, sOff, dst, dOff, n);
        } else {
            PlainMath.log(src, sOff, dst, dOff, n);
        }
    }

    /** {@code tanh} in float32. */
    public static void tanh(float[] src, int sOff, float[] dst, int dOff, int n) {
        if (Acceleration.VECTOR) {
            VectorMath.tanh(src, sOff, dst, dOff, n);
        } else {
            PlainMath.tanh(src, sOff, dst, dOff, n);
        }
    }

    /** The logistic function in float32. */
    public static void sigmoid(float[] src, int sOff, float[] dst, int dOff, int n) {
        if (Acceleration.VECTOR) {
            VectorMath.sigmoid(src, sOff, dst, dOff, n);
        } else {
            PlainMath.sigmoid(src, sOff, dst, dOff, n);
        }
    }

    /** {@code exp} in float32. */
    public static void exp(float[] src, int sOff, float[] dst, int dOff, int n) {
        if (Acceleration.VECTOR) {
            VectorMath.exp(src, sOff, dst, dOff, n);
        } else {
            PlainMath.exp(src, sOff, dst, dOff, n);
        }
    }

    /** {@code log} in float32. */
    public static void log(float[] src, int sOff, float[] dst, int dOff, int n) {
        if (Acceleration.VECTOR) {
            VectorMath.log(src, sOff, dst, dOff, n);
        } else {
            PlainMath.log(src, sOff, dst, dOff, n);
        }
    }

    /** {@code x > 0 ? x : 0}. */
    public static void relu(double[] src, int sOff, double[] dst, int dOff, int n) {
        if (Acceleration.VECTOR) {
            VectorMath.relu(src, sOff, dst, dOff, n);
        } else {
            PlainMath.relu(src, sOff, dst, dOff, n);
        }
    }

    /** {@code x > 0 ? 1 : 0}. */
    public static void step(double[] src, int sOff, double[] dst, int dOff, int n) {
        if (Acceleration.VECTOR) {
            VectorMath.step(src, sOff, dst, dOff, n);
        } else {
            PlainMath.step(src, sOff, dst, dOff, n);
        }
    }

    /** {@code x > 0 ? x : 0} in float32. */
    public static void relu(float[] src, int sOff, float[] dst, int dOff, int n) {
        if (Acceleration.VECTOR) {
            VectorMath.relu(src, sOff, dst, dOff, n);
        } else {
            PlainMath.relu(src, sOff, dst, dOff, n);
        }
    }

    /** {@code x > 0 ? 1 : 0} in float32. */
    public static void step(float[] src, int sOff, float[] dst, int dOff, int n) {
        if (Acceleration.VECTOR) {
            VectorMath.step(src, sOff, dst, dOff, n);
        } else {
            PlainMath.step(src, sOff, dst, dOff, n);
        }
    }
}
