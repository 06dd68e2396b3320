package dev.unroll.compiler.interp;

import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import java.util.Arrays;

/**
 * Random material for op properties: a batch size {@code b}, three extents {@code n, m, k} and three pools of
 * values from which matrices of any needed shape are cut.
 */
record Sample(int b, int n, int m, int k, double[] u, double[] v, double[] w) {

    /**
     * Batches of 1 to 4, extents of 1 to 5, values in [-3, 3]; each pool holds enough values for a
     * {@code [b×(n+m+k)]} value and for a square matrix of side {@code max(n, m)}.
     */
    static Gen<Sample> gen() {
        Gen<Integer> batch = Gens.integers(1, 4);
        Gen<Integer> extent = Gens.integers(1, 5);
        return c -> {
            int b = batch.generate(c);
            int n = extent.generate(c);
            int m = extent.generate(c);
            int k = extent.generate(c);
            int side = Math.max(n, m);
            Gen<double[]> pool = Gens.doubleArrays(Math.max(b * (n + m + k), side * side), -3, 3);
            return new Sample(b, n, m, k, pool.generate(c), pool.generate(c), pool.generate(c));
        };
    }

    /** A {@code rows×cols} matrix of the first values of {@code pool}. */
    static Mat cut(double[] pool, int rows, int cols) {
        return Mat.of(rows, cols, Arrays.copyOf(pool, rows * cols));
    }

    Mat u(int rows, int cols) {
        return cut(u, rows, cols);
    }

    Mat v(int rows, int cols) {
        return cut(v, rows, cols);
    }

    Mat w(int rows, int cols) {
        return cut(w, rows, cols);
    }

    @Override
    public String toString() {
        return "Sample[b=" + b + ", n=" + n + ", m=" + m + ", k=" + k + ", u=" + Arrays.toString(u) + ", v="
                + Arrays.toString(v) + ", w=" + Arrays.toString(w) + "]";
    }
}
