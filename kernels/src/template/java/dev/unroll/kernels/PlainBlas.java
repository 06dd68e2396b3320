package dev.unroll.kernels;

import java.util.Arrays;

/**
 * The plain-Java matrix products behind {@link Blas} when the vector module is absent: every output element sums its
 * products in increasing order of the contracted index with a rounding after each product and each sum, exactly as
 * the reference interpreter does, so a float64 kernel on this path is bit-identical to it.
 */
final class PlainBlas {

    private PlainBlas() {
    }

    // twin: begin
    /** Columns {@code [from, to)} of {@code c[m×n] = a[m×k] · b[k×n]}. */
    static void gemmNN(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n, int from,
                       int to) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            Arrays.fill(c, ci + from, ci + to, 0.0);
            for (int p = 0; p < k; p++) {
                double aip = a[aOff + i * k + p];
                int bp = bOff + p * n;
                for (int j = from; j < to; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }

    /** Columns {@code [from, to)} of {@code c[m×n] = a[m×k] · b[n×k]ᵀ}. */
    static void gemmNT(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n, int from,
                       int to) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * k;
            for (int j = from; j < to; j++) {
                int bj = bOff + j * k;
                double s = 0.0;
                for (int p = 0; p < k; p++) {
                    s += a[ai + p] * b[bj + p];
                }
                c[cOff + i * n + j] = s;
            }
        }
    }

    /** Columns {@code [from, to)} of {@code c[m×n] = a[k×m]ᵀ · b[k×n]}, or of {@code c += …} with {@code add}. */
    static void gemmTN(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n,
                       boolean add, int from, int to) {
        if (!add) {
            for (int i = 0; i < m; i++) {
                Arrays.fill(c, cOff + i * n + from, cOff + i * n + to, 0.0);
            }
        }
        for (int p = 0; p < k; p++) {
            int bp = bOff + p * n;
            for (int i = 0; i < m; i++) {
                double api = a[aOff + p * m + i];
                int ci = cOff + i * n;
                for (int j = from; j < to; j++) {
                    c[ci + j] += api * b[bp + j];
                }
            }
        }
    }
    // twin: end
}
