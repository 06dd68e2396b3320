package dev.unroll.kernels;


import dev.unroll.check.ForAll;
import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.Property;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector matrix products equal the plain ones on random shapes (1×1, k = 1, odd sizes, every kind of column and
 * row tail, offsets into larger arrays), in float64 and float32.
 *
 * <p>Tolerance: both compute each element as a sum of k products, each with an error of at most
 * {@code γ_k·Σ|a_ip·b_pj|} from the exact value ({@code γ_k ≈ k·u}, u = 2⁻⁵³ or 2⁻²⁴), but in different roundings
 * (fused multiply-adds and, for {@code A·Bᵀ} with few rows, lane-wise partial sums), so they may differ by twice
 * that: we allow {@code 2·(k + 2)·u·Σ|a_ip·b_pj|}.
 */
class BlasPropertyTest {

    /** A product's shape, the offsets of its operands and a data seed. */
    record Shape(int m, int k, int n, int offset, long seed) {
    }

    static Gen<Shape> shapes() {
        return c -> new Shape(Gens.integers(1, 37).generate(c), Gens.integers(1, 40).generate(c),
                Gens.integers(1, 70).generate(c), Gens.integers(0, 3).generate(c),
                Gens.longs(0, 1_000_000).generate(c));
    }

    @Test
    void edgeShapesAgree() {
        int[][] shapes = {{1, 1, 1}, {1, 1, 33}, {8, 1, 32}, {9, 3, 65}, {4, 17, 16}, {1, 64, 64}, {12, 5, 28},
            {3, 2, 1}, {16, 16, 96}};
        for (int[] m : shapes) {
            for (int offset = 0; offset < 2; offset++) {
                doubleProductsAgree(new Shape(m[0], m[1], m[2], offset, 7));
                floatProductsAgree(new Shape(m[0], m[1], m[2], offset, 8));
            }
        }
    }

    @Property(tries = 300, seed = "20250611")
    void doubleProductsAgree(@ForAll("shapes") Shape s) {
        for (BlasProducts layout : BlasProducts.values()) {
            Operands<double[]> x = Operands.doubles(s, layout);
            double[] expected = x.c().clone();
            double[] actual = x.c().clone();
            layout.plain(x, expected);
            layout.vector(x, actual);
            Operands.check(s, layout, x.bound(0x1p-53), expected, actual);
        }
    }

    @Property(tries = 300, seed = "20250612")
    void floatProductsAgree(@ForAll("shapes") Shape s) {
        for (BlasProducts layout : BlasProducts.values()) {
            Operands<float[]> x = Operands.floats(s, layout);
            float[] expected = x.c().clone();
            float[] actual = x.c().clone();
            layout.plainFloat(x, expected);
            layout.vectorFloat(x, actual);
            Operands.check(s, layout, x.bound(0x1p-24), Operands.widen(expected), Operands.widen(actual));
        }
    }

    /** Contiguous blocks (one product over all rows) and blocks with unused rows between them (one per step). */
    @Property(tries = 100, seed = "20250613")
    void theSumOverStepsIsTheSumOfTheProducts(@ForAll("shapes") Shape s) {
        int steps = 1 + s.offset();
        for (int slack : new int[] {0, 2}) {
            SplittableRandom rng = new SplittableRandom(s.seed());
            int aStride = (s.k() + slack) * s.m();
            int bStride = (s.k() + slack) * s.n();
            double[] a = Operands.random(steps * aStride, rng);
            double[] b = Operands.random(steps * bStride, rng);
            double[] expected = Operands.random(s.m() * s.n(), rng);
            double[] actual = expected.clone();
            double[] product = new double[s.m() * s.n()];
            for (int t = 0; t < steps; t++) {
                PlainBlas.gemmTN(a, t * aStride, b, t * bStride, product, 0, s.m(), s.k(), s.n(), false, 0, s.n());
                Blas.add(product, 0, expected, 0, product.length);
            }
            Blas.gemmTNSum(a, 0, aStride, b, 0, bStride, actual, 0, s.m(), s.k(), steps, s.n());
            double terms = steps * s.k() + 1.0;
            double[] bound = new double[product.length];
            java.util.Arrays.fill(bound, 2 * (terms + 2) * 0x1p-53 * terms);
            Operands.check(new Shape(s.m(), s.k(), s.n(), 0, s.seed()), BlasProducts.TN, bound, expected, actual);
        }
    }
}
