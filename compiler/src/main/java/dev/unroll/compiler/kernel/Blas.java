package dev.unroll.compiler.kernel;

import java.util.Arrays;

/**
 * The dense linear algebra generated kernels call: matrix products in the three layouts the IR uses and two vector
 * updates, for float64 and float32, on flat row-major arrays with offsets.
 *
 * <p>Plain Java, written so that every output element sums its products in increasing order of the contracted
 * index, exactly as the reference interpreter does; a faster implementation may replace this class behind the
 * same signatures.
 */
public final class Blas {

    private Blas() {
    }

    /** {@code c[m×n] = a[m×k] · b[k×n]}. */
    public static void gemmNN(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            Arrays.fill(c, ci, ci + n, 0.0);
            for (int p = 0; p < k; p++) {
                double aip = a[aOff + i * k + p];
                int bp = bOff + p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }

    /** {@code c[m×n] = a[m×k] · b[n×k]ᵀ}. */
    public static void gemmNT(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * k;
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * k;
                double s = 0.0;
                for (int p = 0; p < k; p++) {
                    s += a[ai + p] * b[bj + p];
                }
                c[cOff + i * n + j] = s;
            }
        }
    }

    /** {@code c[m×n] = a[k×m]ᵀ · b[k×n]}. */
    public static void gemmTN(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
        Arrays.fill(c, cOff, cOff + m * n, 0.0);
        for (int p = 0; p < k; p++) {
            int bp = bOff + p * n;
            for (int i = 0; i < m; i++) {
                double api = a[aOff + p * m + i];
                int ci = cOff + i * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += api * b[bp + j];
                }
            }
        }
    }

    /** {@code dst[dOff..dOff+n) += src[sOff..sOff+n)}. */
    public static void add(double[] src, int sOff, double[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] += src[sOff + i];
        }
    }

    /** {@code dst[dOff..dOff+n) = src[sOff..sOff+n) · factor}. */
    public static void scale(double[] src, int sOff, double factor, double[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] = src[sOff + i] * factor;
        }
    }

    /** {@code c[m×n] = a[m×k] · b[k×n]}. */
    public static void gemmNN(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            Arrays.fill(c, ci, ci + n, 0.0f);
            for (int p = 0; p < k; p++) {
                float aip = a[aOff + i * k + p];
                int bp = bOff + p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }

    /** {@code c[m×n] = a[m×k] · b[n×k]ᵀ}. */
    public static void gemmNT(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * k;
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * k;
                float s = 0.0f;
                for (int p = 0; p < k; p++) {
                    s += a[ai + p] * b[bj + p];
                }
                c[cOff + i * n + j] = s;
            }
        }
    }

    /** {@code c[m×n] = a[k×m]ᵀ · b[k×n]}. */
    public static void gemmTN(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n) {
        Arrays.fill(c, cOff, cOff + m * n, 0.0f);
        for (int p = 0; p < k; p++) {
            int bp = bOff + p * n;
            for (int i = 0; i < m; i++) {
                float api = a[aOff + p * m + i];
                int ci = cOff + i * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += api * b[bp + j];
                }
            }
        }
    }

    /** {@code dst[dOff..dOff+n) += src[sOff..sOff+n)}. */
    public static void add(float[] src, int sOff, float[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] += src[sOff + i];
        }
    }

    /** {@code dst[dOff..dOff+n) = src[sOff..sOff+n) · factor}, rounded to float. */
    public static void scale(float[] src, int sOff, double factor, float[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] = (float) (src[sOff + i] * factor);
        }
    }
}
