package dev.unroll.kernels;

/**
 * The dense linear algebra generated kernels call: matrix products in the three layouts the IR uses, a sum of
 * products over the steps of a sequence, and two vector updates, for float64 and float32, on flat row-major arrays
 * with offsets.
 *
 * <p>With the {@code jdk.incubator.vector} module present ({@link Acceleration}) the products run on register-blocked
 * vector kernels ({@link FloatGemm}, {@link DoubleGemm}), which sum with fused multiply-adds; otherwise on
 * {@link PlainBlas}, which sums exactly as the reference interpreter does. Both sum every output element's products
 * in increasing order of the contracted index (except {@code A·Bᵀ} with fewer than four rows on the vector path,
 * which sums lane-wise partial dot products).
 */
public final class Blas {

    /** The side of the tiles of {@link #transpose}. */
    private static final int TILE = 16;

    private Blas() {
    }

    // twin: begin
    /** {@code c[m×n] = a[m×k] · b[k×n]}. */
    public static void gemmNN(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
        gemmNN(a, aOff, b, bOff, c, cOff, m, k, n, 0, n);
    }

    /** Columns {@code [from, to)} of {@link #gemmNN}, each computed exactly as the whole product computes it. */
    static void gemmNN(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n,
                       int from, int to) {
        if (Acceleration.VECTOR) {
            DoubleGemm.nn(a, aOff, b, bOff, c, cOff, m, k, n, from, to);
        } else {
            PlainBlas.gemmNN(a, aOff, b, bOff, c, cOff, m, k, n, from, to);
        }
    }

    /** {@code c[m×n] = a[m×k] · b[n×k]ᵀ}. */
    public static void gemmNT(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
        gemmNT(a, aOff, b, bOff, c, cOff, m, k, n, 0, n);
    }

    /** Columns {@code [from, to)} of {@link #gemmNT}, each computed exactly as the whole product computes it. */
    static void gemmNT(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n,
                       int from, int to) {
        if (Acceleration.VECTOR) {
            DoubleGemm.nt(a, aOff, b, bOff, c, cOff, m, k, n, from, to);
        } else {
            PlainBlas.gemmNT(a, aOff, b, bOff, c, cOff, m, k, n, from, to);
        }
    }

    /** {@code c[m×n] = a[k×m]ᵀ · b[k×n]}. */
    public static void gemmTN(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
        tn(a, aOff, b, bOff, c, cOff, m, k, n, false, 0, n);
    }

    /** Columns {@code [from, to)} of {@link #gemmTN}, each computed exactly as the whole product computes it. */
    static void gemmTN(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n,
                       int from, int to) {
        tn(a, aOff, b, bOff, c, cOff, m, k, n, false, from, to);
    }

    /**
     * {@code c[m×n] += Σ_{t < steps} a_tᵀ · b_t}, where {@code a_t[rows×m]} starts at {@code aOff + t·aStride}
     * and {@code b_t[rows×n]} at {@code bOff + t·bStride}: the weight gradient of a whole sequence. When the blocks
     * are contiguous (a full batch) it is one product over {@code steps·rows} rows.
     */
    public static void gemmTNSum(double[] a, int aOff, int aStride, double[] b, int bOff, int bStride, double[] c,
                                 int cOff, int m, int rows, int steps, int n) {
        gemmTNSum(a, aOff, aStride, b, bOff, bStride, c, cOff, m, rows, steps, n, 0, n);
    }

    /** Columns {@code [from, to)} of {@link #gemmTNSum}, each computed exactly as the whole sum computes it. */
    static void gemmTNSum(double[] a, int aOff, int aStride, double[] b, int bOff, int bStride, double[] c, int cOff,
                          int m, int rows, int steps, int n, int from, int to) {
        if (aStride == rows * m && bStride == rows * n) {
            tn(a, aOff, b, bOff, c, cOff, m, rows * steps, n, true, from, to);
            return;
        }
        for (int t = 0; t < steps; t++) {
            tn(a, aOff + t * aStride, b, bOff + t * bStride, c, cOff, m, rows, n, true, from, to);
        }
    }

    /** {@code dst[dOff..dOff+n) += src[sOff..sOff+n)}. */
    public static void add(double[] src, int sOff, double[] dst, int dOff, int n) {
        Elementwise.accumulate(src, sOff, dst, dOff, n);
    }
    // twin: end

    /** {@code dst[dOff..dOff+n) = src[sOff..sOff+n) · factor}. */
    public static void scale(double[] src, int sOff, double factor, double[] dst, int dOff, int n) {
        Elementwise.scale(factor, src, sOff, dst, dOff, n);
    }

    /**
     * {@code dst[dOff..dOff+n) = src[sOff..sOff+n) · factor}, computed in double and rounded to float. When the factor
     * is a float (the carry factors 0 and 1 of full and fixed truncation) that is the float product, which runs on
     * vectors; other factors take the scalar loop.
     */
    public static void scale(float[] src, int sOff, double factor, float[] dst, int dOff, int n) {
        float f = (float) factor;
        if (f == factor) {
            Elementwise.scale(f, src, sOff, dst, dOff, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            dst[dOff + i] = (float) (src[sOff + i] * factor);
        }
    }

    // twin: begin
    /**
     * {@code dst[cols×rows] = src[rows×cols]ᵀ}, in tiles of 16 × 16 so that the strided writes of a tile stay in
     * cache lines already loaded.
     */
    public static void transpose(double[] src, int sOff, double[] dst, int dOff, int rows, int cols) {
        for (int i0 = 0; i0 < rows; i0 += TILE) {
            for (int j0 = 0; j0 < cols; j0 += TILE) {
                for (int i = i0; i < Math.min(i0 + TILE, rows); i++) {
                    for (int j = j0; j < Math.min(j0 + TILE, cols); j++) {
                        dst[dOff + j * rows + i] = src[sOff + i * cols + j];
                    }
                }
            }
        }
    }

    private static void tn(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n,
                           boolean add, int from, int to) {
        if (Acceleration.VECTOR) {
            DoubleGemm.tn(a, aOff, b, bOff, c, cOff, m, k, n, add, from, to);
        } else {
            PlainBlas.gemmTN(a, aOff, b, bOff, c, cOff, m, k, n, add, from, to);
        }
    }
    // twin: end
}
