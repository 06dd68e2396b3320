package dev.unroll.kernels;

/**
 * The functions generated kernels apply to whole blocks, {@code dst[dOff + i] = f(src[sOff + i])} for
 * {@code i < n}: the transcendental ones, and {@code relu} and {@code step}, whose scalar loops branch on the sign
 * and mispredict half the time on random data where a vector blend has no branch.
 *
 * <p>On the vector path ({@link Acceleration}) the transcendental functions run on {@link PortableLanes} (float64)
 * and {@link PortableFloatLanes} (float32, computed in float): polynomial approximations built from IEEE operations
 * only, so an element's result depends on its argument alone, not on the JIT tier, the instruction set, the vector
 * width or where it lies in the block, and a run repeats bit for bit. Measured against correctly rounded values they
 * are within 1 ulp, the logistic function included, and NaN, infinities and zeros are {@link Math}'s
 * ({@code docs/NUMERICS.md}); {@code relu} and {@code step} are exact blends (NaN gives 0, as in the interpreter).
 * Otherwise they run on {@link PlainMath}, exactly the interpreter's arithmetic.
 */
public final class ArrayMath {

    private ArrayMath() {
    }

    // twin: begin
    /** {@code tanh} in float64. */
    public static void tanh(double[] src, int sOff, double[] dst, int dOff, int n) {
        if (Acceleration.VECTOR) {
            PortableLanes.tanh(src, sOff, dst, dOff, n);
        } else {
            PlainMath.tanh(src, sOff, dst, dOff, n);
        }
    }

    /** The logistic function in float64, as {@link Scalar#sigmoid}. */
    public static void sigmoid(double[] src, int sOff, double[] dst, int dOff, int n) {
        if (Acceleration.VECTOR) {
            PortableLanes.sigmoid(src, sOff, dst, dOff, n);
        } else {
            PlainMath.sigmoid(src, sOff, dst, dOff, n);
        }
    }

    /** {@code exp} in float64. */
    public static void exp(double[] src, int sOff, double[] dst, int dOff, int n) {
        if (Acceleration.VECTOR) {
            PortableLanes.exp(src, sOff, dst, dOff, n);
        } else {
            PlainMath.exp(src, sOff, dst, dOff, n);
        }
    }

    /** {@code log} in float64. */
    public static void log(double[] src, int sOff, double[] dst, int dOff, int n) {
        if (Acceleration.VECTOR) {
            PortableLanes.log(src, sOff, dst, dOff, n);
        } else {
            PlainMath.log(src, sOff, dst, dOff, n);
        }
    }

    /** {@code sqrt} in float64, correctly rounded on both paths (IEEE square root), so both give Math's value. */
    public static void sqrt(double[] src, int sOff, double[] dst, int dOff, int n) {
        if (Acceleration.VECTOR) {
            VectorMath.sqrt(src, sOff, dst, dOff, n);
        } else {
            PlainMath.sqrt(src, sOff, dst, dOff, n);
        }
    }

    /** {@code x > 0 ? x : 0} in float64. */
    public static void relu(double[] src, int sOff, double[] dst, int dOff, int n) {
        if (Acceleration.VECTOR) {
            VectorMath.relu(src, sOff, dst, dOff, n);
        } else {
            PlainMath.relu(src, sOff, dst, dOff, n);
        }
    }

    /** {@code x > 0 ? 1 : 0} in float64. */
    public static void step(double[] src, int sOff, double[] dst, int dOff, int n) {
        if (Acceleration.VECTOR) {
            VectorMath.step(src, sOff, dst, dOff, n);
        } else {
            PlainMath.step(src, sOff, dst, dOff, n);
        }
    }
    // twin: end
}
