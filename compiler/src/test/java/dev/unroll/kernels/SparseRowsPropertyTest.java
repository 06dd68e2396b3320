package dev.unroll.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.check.ForAll;
import dev.unroll.check.Property;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The products by sparse rows equal the dense ones: bit for bit on one-hot rows in float64 (the dense sum adds exact
 * zeros around the one selected row), and within the dense products' rounding on rows of random zeros and nonzeros,
 * in float64 and float32, at offsets into larger arrays.
 */
class SparseRowsPropertyTest {

    @Property(tries = 200, seed = "20261208")
    void oneHotRowsSelectExactlyTheDenseProductsRows(@ForAll("shapes") BlasPropertyTest.Shape s) {
        SplittableRandom rng = new SplittableRandom(s.seed());
        int off = s.offset();
        double[] hotNn = oneHot(s.m(), s.k(), off, rng);
        double[] b = Operands.random(off + s.k() * s.n(), rng);
        double[] expected = new double[off + s.m() * s.n()];
        double[] actual = expected.clone();
        PlainBlas.gemmNN(hotNn, off, b, off, expected, off, s.m(), s.k(), s.n(), 0, s.n());
        SparseRows.nn(hotNn, off, b, off, actual, off, s.m(), s.k(), s.n());
        assertArrayEquals(expected, actual, "one-hot A·B");

        double[] hotTn = oneHot(s.k(), s.m(), off, rng);
        PlainBlas.gemmTN(hotTn, off, b, off, expected, off, s.m(), s.k(), s.n(), false, 0, s.n());
        SparseRows.tn(hotTn, off, b, off, actual, off, s.m(), s.k(), s.n());
        assertArrayEquals(expected, actual, "one-hot Aᵀ·B");
    }

    @Property(tries = 200, seed = "20261209")
    void sparseRowsAgreeWithTheDenseProducts(@ForAll("shapes") BlasPropertyTest.Shape s) {
        SplittableRandom rng = new SplittableRandom(s.seed());
        int off = s.offset();
        double[] a = sparse(off + s.m() * s.k(), rng);
        double[] b = Operands.random(off + s.k() * s.n(), rng);
        double[] expected = new double[off + s.m() * s.n()];
        double[] actual = Operands.random(expected.length, rng);
        PlainBlas.gemmNN(a, off, b, off, expected, off, s.m(), s.k(), s.n(), 0, s.n());
        SparseRows.nn(a, off, b, off, actual, off, s.m(), s.k(), s.n());
        close(expected, actual, off, s.k(), 0x1p-53);

        float[] fa = Operands.narrow(a);
        float[] fb = Operands.narrow(b);
        float[] fe = new float[expected.length];
        float[] fc = new float[expected.length];
        PlainBlas.gemmNN(fa, off, fb, off, fe, off, s.m(), s.k(), s.n(), 0, s.n());
        SparseRows.nn(fa, off, fb, off, fc, off, s.m(), s.k(), s.n());
        close(Operands.widen(fe), Operands.widen(fc), off, s.k(), 0x1p-24);
    }

    /** Contiguous steps and steps with unused rows between them, added to a gradient that is not zero. */
    @Property(tries = 100, seed = "20261210")
    void theSumOverStepsIsTheSumOfTheProducts(@ForAll("shapes") BlasPropertyTest.Shape s) {
        int steps = 1 + s.offset();
        for (int slack : new int[] {0, 2}) {
            SplittableRandom rng = new SplittableRandom(s.seed());
            int aStride = (s.k() + slack) * s.m();
            int bStride = (s.k() + slack) * s.n();
            double[] a = sparse(steps * aStride, rng);
            double[] b = Operands.random(steps * bStride, rng);
            double[] expected = Operands.random(s.m() * s.n(), rng);
            double[] actual = expected.clone();
            Blas.gemmTNSum(a, 0, aStride, b, 0, bStride, expected, 0, s.m(), s.k(), steps, s.n());
            SparseRows.tnSum(a, 0, aStride, b, 0, bStride, actual, 0, s.m(), s.k(), steps, s.n());
            close(expected, actual, 0, steps * s.k() + 1, 0x1p-53);
        }
    }

    static dev.unroll.check.Gen<BlasPropertyTest.Shape> shapes() {
        return BlasPropertyTest.shapes();
    }

    /** {@code rows} one-hot rows of {@code cols} columns after {@code off} unused elements. */
    private static double[] oneHot(int rows, int cols, int off, SplittableRandom rng) {
        double[] a = new double[off + rows * cols];
        for (int r = 0; r < rows; r++) {
            a[off + r * cols + rng.nextInt(cols)] = 1;
        }
        return a;
    }

    /** Random values in [−1, 1), about half of them zero and some of them one. */
    private static double[] sparse(int length, SplittableRandom rng) {
        double[] a = Operands.random(length, rng);
        for (int i = 0; i < length; i++) {
            int kind = rng.nextInt(4);
            a[i] = kind < 2 ? 0 : kind == 2 ? 1 : a[i];
        }
        return a;
    }

    /** Each element within {@code 2·(terms + 2)·u·terms}: the operands lie in [−1, 1), so |Σ a·b| ≤ terms. */
    private static void close(double[] expected, double[] actual, int off, int terms, double u) {
        double bound = 2 * (terms + 2) * u * terms;
        for (int i = off; i < expected.length; i++) {
            assertTrue(Math.abs(expected[i] - actual[i]) <= bound, "element " + i + ": dense " + expected[i]
                    + ", sparse " + actual[i] + ", allowed difference " + bound + " in " + Arrays.toString(
                    new int[] {expected.length, terms}));
        }
    }
}
