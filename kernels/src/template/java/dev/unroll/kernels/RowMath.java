package dev.unroll.kernels;

/**
 * The row-wise functions generated kernels apply to a block of {@code rows × cols} values: the softmax of each row
 * and each row's {@code log Σ exp}, the costly part of the softmax cross-entropy. On the vector path
 * ({@link Acceleration}) the exponentials of the whole block run as one vector call ({@link VectorRows}); otherwise
 * {@link PlainRows} runs exactly the interpreter's arithmetic: per row the maximum, then the sum of
 * {@code exp(a − max)} in column order. In float32 the exponentials are rounded to float (computed in double on the
 * plain path) and the sums are float sums.
 */
public final class RowMath {

    private RowMath() {
    }

    // twin: begin
    /** {@code out[r, c] = exp(a[r, c] − max_r) / Σ_c exp(a[r, c] − max_r)}. */
    public static void softmax(double[] a, int aOff, double[] out, int outOff, int rows, int cols) {
        if (Acceleration.VECTOR) {
            VectorRows.softmax(a, aOff, out, outOff, rows, cols);
        } else {
            PlainRows.softmax(a, aOff, out, outOff, rows, cols);
        }
    }

    /** {@code out[r] = max_r + log Σ_c exp(a[r, c] − max_r)}. */
    public static void logSumExp(double[] a, int aOff, double[] out, int outOff, int rows, int cols) {
        if (Acceleration.VECTOR) {
            VectorRows.logSumExp(a, aOff, out, outOff, rows, cols);
        } else {
            PlainRows.logSumExp(a, aOff, out, outOff, rows, cols);
        }
    }
    // twin: end
}
