package dev.unroll.compiler.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/** Straightforward reference computations on {@code double[][]}, written apart from {@link OpSemantics}. */
final class Ref {

    private Ref() {
    }

    static double[][] of(Mat m) {
        double[][] d = new double[m.rows()][m.cols()];
        for (int r = 0; r < m.rows(); r++) {
            for (int c = 0; c < m.cols(); c++) {
                d[r][c] = m.get(r, c);
            }
        }
        return d;
    }

    static double[][] map(Mat a, DoubleUnaryOperator f) {
        double[][] d = of(a);
        for (double[] row : d) {
            for (int c = 0; c < row.length; c++) {
                row[c] = f.applyAsDouble(row[c]);
            }
        }
        return d;
    }

    static double[][] zip(Mat a, Mat b, DoubleBinaryOperator f) {
        double[][] d = of(a);
        for (int r = 0; r < d.length; r++) {
            for (int c = 0; c < d[r].length; c++) {
                d[r][c] = f.applyAsDouble(d[r][c], b.get(r, c));
            }
        }
        return d;
    }

    /** The sum of the elementwise products: the inner product used to check that two ops are adjoint. */
    static double dot(Mat a, Mat b) {
        assertEquals(a.rows(), b.rows(), "rows of an inner product");
        assertEquals(a.cols(), b.cols(), "cols of an inner product");
        double s = 0;
        for (int r = 0; r < a.rows(); r++) {
            for (int c = 0; c < a.cols(); c++) {
                s += a.get(r, c) * b.get(r, c);
            }
        }
        return s;
    }

    /** Asserts that {@code actual} has the shape of {@code expected} and agrees elementwise to {@code tolerance}. */
    static void assertClose(double[][] expected, Mat actual, double tolerance, String what) {
        assertEquals(expected.length, actual.rows(), what + ": rows");
        assertEquals(expected[0].length, actual.cols(), what + ": cols");
        for (int r = 0; r < expected.length; r++) {
            for (int c = 0; c < expected[r].length; c++) {
                assertEquals(expected[r][c], actual.get(r, c), tolerance * Math.max(1, Math.abs(expected[r][c])),
                        what + " at (" + r + ", " + c + ")");
            }
        }
    }
}
