package dev.unroll.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

/**
 * Random operands of one product, placed after {@code offset} values in arrays with {@code 10·offset} values after
 * them (none for offset 0, so a read past an operand's end fails), and the error bound of their product.
 *
 * @param shape the product's shape and seed
 * @param a the first operand's array
 * @param b the second operand's array
 * @param c the output array, filled with garbage that must be overwritten
 * @param absProduct {@code |A|·|B|} per output element, computed in double
 */
record Operands<T>(BlasPropertyTest.Shape shape, T a, T b, T c, double[] absProduct) {

    static Operands<double[]> doubles(BlasPropertyTest.Shape s, BlasProducts layout) {
        SplittableRandom rng = new SplittableRandom(s.seed());
        int pad = 11 * s.offset();
        double[] a = random(pad + s.m() * s.k(), rng);
        double[] b = random(pad + s.k() * s.n(), rng);
        double[] c = random(pad + s.m() * s.n(), rng);
        return new Operands<>(s, a, b, c, absProduct(s, layout, a, b));
    }

    static Operands<float[]> floats(BlasPropertyTest.Shape s, BlasProducts layout) {
        Operands<double[]> d = doubles(s, layout);
        float[] a = narrow(d.a());
        float[] b = narrow(d.b());
        return new Operands<>(s, a, b, narrow(d.c()), absProduct(s, layout, widen(a), widen(b)));
    }

    /** The largest difference allowed at each element: {@code 2·(k + 2)·u·(|A|·|B|)_ij}, u the unit roundoff. */
    double[] bound(double unitRoundoff) {
        double[] bound = new double[absProduct.length];
        for (int i = 0; i < bound.length; i++) {
            bound[i] = 2.0 * (shape.k() + 2) * unitRoundoff * absProduct[i];
        }
        return bound;
    }

    /** Checks the output elements within their bounds and the padding untouched. */
    static void check(BlasPropertyTest.Shape s, BlasProducts layout, double[] bound, double[] expected, double[] actual) {
        int o = s.offset();
        for (int i = 0; i < expected.length; i++) {
            int e = i - o;
            if (e < 0 || e >= bound.length) {
                assertEquals(expected[i], actual[i], 0.0, layout + " " + s + ": wrote outside c at " + i);
            } else {
                assertTrue(Math.abs(expected[i] - actual[i]) <= bound[e], layout + " " + s + ": element " + e
                        + " is " + actual[i] + ", expected " + expected[i] + " within " + bound[e]);
            }
        }
    }

    static double[] random(int length, SplittableRandom rng) {
        double[] v = new double[length];
        for (int i = 0; i < length; i++) {
            v[i] = 2 * rng.nextDouble() - 1;
        }
        return v;
    }

    static double[] widen(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    static float[] narrow(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    private static double[] absProduct(BlasPropertyTest.Shape s, BlasProducts layout, double[] a, double[] b) {
        double[] out = new double[s.m() * s.n()];
        int o = s.offset();
        for (int i = 0; i < s.m(); i++) {
            for (int j = 0; j < s.n(); j++) {
                double sum = 0;
                for (int p = 0; p < s.k(); p++) {
                    sum += Math.abs(a[o + layout.a(i, p, s.m(), s.k())] * b[o + layout.b(p, j, s.k(), s.n())]);
                }
                out[i * s.n() + j] = sum;
            }
        }
        return out;
    }
}
