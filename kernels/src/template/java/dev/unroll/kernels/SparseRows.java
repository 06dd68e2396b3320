package dev.unroll.kernels;

import java.util.Arrays;

/**
 * Matrix products whose left operand is mostly zeros, such as one-hot rows: each nonzero element adds one scaled row of
 * the other operand, so a product by one-hot rows costs a copy of the rows it selects instead of a multiply-add per
 * element of the dense product. The result equals the dense product wherever the other operand is finite (a skipped
 * zero times an infinity or NaN would have made a NaN).
 */
public final class SparseRows {

    private SparseRows() {
    }

    // twin: begin
    /** {@code c[m×n] = a[m×k] · b[k×n]}, visiting only the nonzero elements of {@code a}. */
    public static void nn(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
        Arrays.fill(c, cOff, cOff + m * n, 0);
        for (int r = 0; r < m; r++) {
            for (int j = 0; j < k; j++) {
                double v = a[aOff + r * k + j];
                if (v != 0) {
                    addScaled(v, b, bOff + j * n, c, cOff + r * n, n);
                }
            }
        }
    }

    /** {@code c[m×n] = a[k×m]ᵀ · b[k×n]}, visiting only the nonzero elements of {@code a}. */
    public static void tn(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
        Arrays.fill(c, cOff, cOff + m * n, 0);
        addTn(a, aOff, b, bOff, c, cOff, m, k, n);
    }

    /**
     * {@code c[m×n] += Σ_{t < steps} a_tᵀ · b_t}, where {@code a_t[rows×m]} starts at {@code aOff + t·aStride} and
     * {@code b_t[rows×n]} at {@code bOff + t·bStride}: the weight gradient of a one-hot input over a sequence.
     */
    public static void tnSum(double[] a, int aOff, int aStride, double[] b, int bOff, int bStride, double[] c,
                             int cOff, int m, int rows, int steps, int n) {
        for (int t = 0; t < steps; t++) {
            addTn(a, aOff + t * aStride, b, bOff + t * bStride, c, cOff, m, rows, n);
        }
    }

    private static void addTn(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
        for (int r = 0; r < k; r++) {
            for (int j = 0; j < m; j++) {
                double v = a[aOff + r * m + j];
                if (v != 0) {
                    addScaled(v, b, bOff + r * n, c, cOff + j * n, n);
                }
            }
        }
    }

    /** {@code y += v · x}; a one, the only nonzero of one-hot rows, adds {@code x} on vectors. */
    private static void addScaled(double v, double[] x, int xOff, double[] y, int yOff, int n) {
        if (v == 1) {
            Elementwise.accumulate(x, xOff, y, yOff, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            y[yOff + i] += v * x[xOff + i];
        }
    }
    // twin: end
}
