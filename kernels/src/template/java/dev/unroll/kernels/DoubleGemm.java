// twin: file
package dev.unroll.kernels;

import static dev.unroll.kernels.DoubleTiles.L;
import static dev.unroll.kernels.DoubleTiles.S;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The float64 matrix products of {@link Blas} on {@code jdk.incubator.vector}: loaded only when that module is
 * present. {@code A·B} and {@code Aᵀ·B} run the register-blocked tiles of {@link DoubleTiles} directly (they read
 * {@code B} by rows); {@code A·Bᵀ} first transposes {@code B} into a per-thread scratch array, which pays from four
 * rows of {@code A} on, and takes dot products along rows below that. No masked vector operation runs: on JDK 17
 * they allocate, so the last columns (fewer than a vector) go through a zero-padded scratch panel instead.
 */
final class DoubleGemm {

    /** A panel of two vectors of columns, the width of the main tiles. */
    private static final int PANEL = 2 * L;

    /** The scratch arrays of a thread: B transposed, the padded last columns of B, their tile, a sum for C. */
    private static final int TRANSPOSED = 0;
    private static final int TAIL_PANEL = 1;
    private static final int TAIL_TILE = 2;
    private static final int SUM = 3;

    /** Each grows to the largest size a thread has needed, then is reused: no allocation per call. */
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[4][0]);

    private DoubleGemm() {
    }

    /** Columns {@code [from, to)} of {@code c[m×n] = a[m×k] · b[k×n]}. */
    static void nn(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n, int from,
                   int to) {
        product(a, aOff, k, 1, b, bOff + from, n, c, cOff + from, n, m, k, to - from);
    }

    /** Columns {@code [from, to)} of {@code c[m×n] (+)= a[k×m]ᵀ · b[k×n]}. */
    static void tn(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n, boolean add,
                   int from, int to) {
        int width = to - from;
        if (!add) {
            product(a, aOff, 1, m, b, bOff + from, n, c, cOff + from, n, m, k, width);
            return;
        }
        double[] sum = scratch(SUM, m * width);
        product(a, aOff, 1, m, b, bOff + from, n, sum, 0, width, m, k, width);
        for (int i = 0; i < m; i++) {
            addInto(sum, i * width, c, cOff + i * n + from, width);
        }
    }

    /** Columns {@code [from, to)} of {@code c[m×n] = a[m×k] · b[n×k]ᵀ}. */
    static void nt(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n, int from,
                   int to) {
        if (m < 4) {
            for (int i = 0; i < m; i++) {
                for (int j = from; j < to; j++) {
                    c[cOff + i * n + j] = dot(a, aOff + i * k, b, bOff + j * k, k);
                }
            }
            return;
        }
        int width = to - from;
        double[] bt = scratch(TRANSPOSED, k * width);
        Blas.transpose(b, bOff + from * k, bt, 0, width, k);
        product(a, aOff, k, 1, bt, 0, width, c, cOff + from, n, m, k, width);
    }

    /**
     * The product over {@code A} with strides ({@code ars}, {@code acs}) and {@code B} by rows of stride {@code ldb}:
     * column panels outermost, so a panel of {@code B} stays in the first-level cache while every block of rows
     * uses it.
     */
    private static void product(double[] a, int aOff, int ars, int acs, double[] b, int bOff, int ldb, double[] c,
                                int cOff, int ldc, int m, int k, int n) {
        int j = 0;
        if (m == 1) {
            for (; j + 2 * PANEL <= n; j += 2 * PANEL) {
                DoubleTiles.tile1x4(a, aOff, acs, b, bOff + j, ldb, c, cOff + j, k);
            }
        }
        for (; j + PANEL <= n; j += PANEL) {
            twoVectors(a, aOff, ars, acs, b, bOff + j, ldb, c, cOff + j, ldc, m, k);
        }
        for (; j + L <= n; j += L) {
            oneVector(a, aOff, ars, acs, b, bOff + j, ldb, c, cOff + j, ldc, m, k);
        }
        if (j < n) {
            lastColumns(a, aOff, ars, acs, b, bOff + j, ldb, c, cOff + j, ldc, m, k, n - j);
        }
    }

    /** Every row of a panel of two vectors of columns: blocks of 8 rows, then 4, then single rows. */
    private static void twoVectors(double[] a, int aOff, int ars, int acs, double[] b, int pb, int ldb, double[] c,
                                   int pc, int ldc, int m, int k) {
        int i = 0;
        for (; i + 8 <= m; i += 8) {
            DoubleTiles.tile8x2(a, aOff + i * ars, ars, acs, b, pb, ldb, c, pc + i * ldc, ldc, k);
        }
        for (; i + 4 <= m; i += 4) {
            DoubleTiles.tile4x2(a, aOff + i * ars, ars, acs, b, pb, ldb, c, pc + i * ldc, ldc, k);
        }
        for (; i < m; i++) {
            DoubleTiles.tile1x1(a, aOff + i * ars, acs, b, pb, ldb, c, pc + i * ldc, k);
            DoubleTiles.tile1x1(a, aOff + i * ars, acs, b, pb + L, ldb, c, pc + i * ldc + L, k);
        }
    }

    /** Every row of a panel of one vector of columns: blocks of 4 rows, then single rows. */
    private static void oneVector(double[] a, int aOff, int ars, int acs, double[] b, int pb, int ldb, double[] c,
                                  int pc, int ldc, int m, int k) {
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            DoubleTiles.tile4x1(a, aOff + i * ars, ars, acs, b, pb, ldb, c, pc + i * ldc, ldc, k);
        }
        for (; i < m; i++) {
            DoubleTiles.tile1x1(a, aOff + i * ars, acs, b, pb, ldb, c, pc + i * ldc, k);
        }
    }

    /** The last {@code width < L} columns: through a zero-padded panel of one vector and a scratch tile. */
    private static void lastColumns(double[] a, int aOff, int ars, int acs, double[] b, int pb, int ldb, double[] c,
                                    int pc, int ldc, int m, int k, int width) {
        double[] panel = scratch(TAIL_PANEL, k * L);
        for (int p = 0; p < k; p++) {
            System.arraycopy(b, pb + p * ldb, panel, p * L, width);
            Arrays.fill(panel, p * L + width, (p + 1) * L, 0.0);
        }
        double[] tile = scratch(TAIL_TILE, m * L);
        oneVector(a, aOff, ars, acs, panel, 0, L, tile, 0, L, m, k);
        for (int i = 0; i < m; i++) {
            System.arraycopy(tile, i * L, c, pc + i * ldc, width);
        }
    }

    /**
     * {@code c[cOff..cOff+n) += sum[sOff..sOff+n)}. Sums into {@code C} go through a scratch product and this loop: a tile
     * that added itself to {@code C} would exceed what the JDK 17 compiler inlines, and box vectors on the heap.
     */
    private static void addInto(double[] sum, int sOff, double[] c, int cOff, int n) {
        for (int i = 0; i < n; i++) {
            c[cOff + i] += sum[sOff + i];
        }
    }

    private static double dot(double[] a, int ai, double[] b, int bj, int k) {
        DoubleVector s0 = DoubleVector.zero(S);
        DoubleVector s1 = s0;
        int p = 0;
        for (; p + 2 * L <= k; p += 2 * L) {
            s0 = DoubleVector.fromArray(S, a, ai + p).fma(DoubleVector.fromArray(S, b, bj + p), s0);
            s1 = DoubleVector.fromArray(S, a, ai + p + L).fma(DoubleVector.fromArray(S, b, bj + p + L), s1);
        }
        double sum = s0.add(s1).reduceLanes(VectorOperators.ADD);
        for (; p < k; p++) {
            sum = Math.fma(a[ai + p], b[bj + p], sum);
        }
        return sum;
    }

    private static double[] scratch(int slot, int length) {
        double[][] slots = SCRATCH.get();
        if (slots[slot].length < length) {
            slots[slot] = new double[length];
        }
        return slots[slot];
    }
}
