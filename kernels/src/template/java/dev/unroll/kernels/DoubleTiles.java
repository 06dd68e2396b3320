// twin: file
package dev.unroll.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked float64 micro-kernels of {@link DoubleGemm}: each computes a tile of {@code C} (rows × one or
 * two vectors of columns) as a sum of {@code k} broadcast-times-row products held in registers, then stores it once.
 *
 * <p>Element {@code (i, p)} of {@code A} is at {@code pa + i·ars + p·acs}, so one kernel serves {@code A} and
 * {@code Aᵀ}; row {@code p} of {@code B} starts at {@code pb + p·ldb}. Every output element sums its products in
 * increasing order of {@code p} with fused multiply-adds, whatever the tile, so a row's result does not depend on
 * how many rows the call has.
 */
final class DoubleTiles {

    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();

    private DoubleTiles() {
    }

    /** An 8 × 2L tile: 16 accumulators, which AVX-512's 32 registers hold with room for the operands. */
    static void tile8x2(double[] a, int pa, int ars, int acs, double[] b, int pb, int ldb, double[] c, int pc, int ldc,
                        int k) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00;
        DoubleVector c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        for (int p = 0; p < k; p++, pa += acs, pb += ldb) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, pb);
            DoubleVector b1 = DoubleVector.fromArray(S, b, pb + L);
            DoubleVector x = DoubleVector.broadcast(S, a[pa]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, a[pa + ars]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, a[pa + 2 * ars]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, a[pa + 3 * ars]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(S, a[pa + 4 * ars]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(S, a[pa + 5 * ars]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = DoubleVector.broadcast(S, a[pa + 6 * ars]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = DoubleVector.broadcast(S, a[pa + 7 * ars]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
        }
        c00.intoArray(c, pc); c01.intoArray(c, pc + L);
        c10.intoArray(c, pc + ldc); c11.intoArray(c, pc + ldc + L);
        c20.intoArray(c, pc + 2 * ldc); c21.intoArray(c, pc + 2 * ldc + L);
        c30.intoArray(c, pc + 3 * ldc); c31.intoArray(c, pc + 3 * ldc + L);
        c40.intoArray(c, pc + 4 * ldc); c41.intoArray(c, pc + 4 * ldc + L);
        c50.intoArray(c, pc + 5 * ldc); c51.intoArray(c, pc + 5 * ldc + L);
        c60.intoArray(c, pc + 6 * ldc); c61.intoArray(c, pc + 6 * ldc + L);
        c70.intoArray(c, pc + 7 * ldc); c71.intoArray(c, pc + 7 * ldc + L);
    }

    /** A 4 × 2L tile, for the rows an 8-row block leaves. */
    static void tile4x2(double[] a, int pa, int ars, int acs, double[] b, int pb, int ldb, double[] c, int pc, int ldc,
                        int k) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00;
        DoubleVector c31 = c00;
        for (int p = 0; p < k; p++, pa += acs, pb += ldb) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, pb);
            DoubleVector b1 = DoubleVector.fromArray(S, b, pb + L);
            DoubleVector x = DoubleVector.broadcast(S, a[pa]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, a[pa + ars]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, a[pa + 2 * ars]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, a[pa + 3 * ars]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
        }
        c00.intoArray(c, pc); c01.intoArray(c, pc + L);
        c10.intoArray(c, pc + ldc); c11.intoArray(c, pc + ldc + L);
        c20.intoArray(c, pc + 2 * ldc); c21.intoArray(c, pc + 2 * ldc + L);
        c30.intoArray(c, pc + 3 * ldc); c31.intoArray(c, pc + 3 * ldc + L);
    }

    /** A 1 × 4L tile: a single row with four independent accumulators, so the FMA latency is hidden. */
    static void tile1x4(double[] a, int pa, int acs, double[] b, int pb, int ldb, double[] c, int pc, int k) {
        DoubleVector c0 = DoubleVector.zero(S), c1 = c0, c2 = c0, c3 = c0;
        for (int p = 0; p < k; p++, pa += acs, pb += ldb) {
            DoubleVector x = DoubleVector.broadcast(S, a[pa]);
            c0 = x.fma(DoubleVector.fromArray(S, b, pb), c0);
            c1 = x.fma(DoubleVector.fromArray(S, b, pb + L), c1);
            c2 = x.fma(DoubleVector.fromArray(S, b, pb + 2 * L), c2);
            c3 = x.fma(DoubleVector.fromArray(S, b, pb + 3 * L), c3);
        }
        c0.intoArray(c, pc); c1.intoArray(c, pc + L); c2.intoArray(c, pc + 2 * L); c3.intoArray(c, pc + 3 * L);
    }

    /** A 4 × L tile: the columns a panel of two vectors leaves. */
    static void tile4x1(double[] a, int pa, int ars, int acs, double[] b, int pb, int ldb, double[] c, int pc, int ldc,
                        int k) {
        DoubleVector c0 = DoubleVector.zero(S), c1 = c0, c2 = c0, c3 = c0;
        for (int p = 0; p < k; p++, pa += acs, pb += ldb) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, pb);
            c0 = DoubleVector.broadcast(S, a[pa]).fma(b0, c0);
            c1 = DoubleVector.broadcast(S, a[pa + ars]).fma(b0, c1);
            c2 = DoubleVector.broadcast(S, a[pa + 2 * ars]).fma(b0, c2);
            c3 = DoubleVector.broadcast(S, a[pa + 3 * ars]).fma(b0, c3);
        }
        c0.intoArray(c, pc); c1.intoArray(c, pc + ldc);
        c2.intoArray(c, pc + 2 * ldc); c3.intoArray(c, pc + 3 * ldc);
    }

    /** A 1 × L tile. */
    static void tile1x1(double[] a, int pa, int acs, double[] b, int pb, int ldb, double[] c, int pc, int k) {
        DoubleVector c0 = DoubleVector.zero(S);
        for (int p = 0; p < k; p++, pa += acs, pb += ldb) {
            c0 = DoubleVector.broadcast(S, a[pa]).fma(DoubleVector.fromArray(S, b, pb), c0);
        }
        c0.intoArray(c, pc);
    }
}
