package dev.unroll.compiler.gradcheck;

import dev.unroll.compiler.interp.Mat;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;

/** A row-major matrix of first-order {@link DerivativeStructure}s over a fixed number of free variables. */
final class DsMat {

    final int rows;
    final int cols;
    final int free;
    private final DerivativeStructure[] data;

    DsMat(int rows, int cols, int free, DerivativeStructure[] data) {
        this.rows = rows;
        this.cols = cols;
        this.free = free;
        this.data = data;
    }

    /** A matrix of constants. */
    static DsMat constant(int rows, int cols, int free, double[] values) {
        DerivativeStructure[] d = new DerivativeStructure[rows * cols];
        for (int i = 0; i < d.length; i++) {
            d[i] = new DerivativeStructure(free, 1, values[i]);
        }
        return new DsMat(rows, cols, free, d);
    }

    /**
     * {@code m} with its elements {@code [from, to)} in the global numbering starting at {@code first} as the free
     * variables {@code 0, 1, …} (element {@code first + i} is variable {@code first + i − from}).
     */
    static DsMat lift(Mat m, int free, int first, int from, int to) {
        DerivativeStructure[] d = new DerivativeStructure[m.rows() * m.cols()];
        double[] values = m.data();
        for (int i = 0; i < d.length; i++) {
            int global = first + i;
            d[i] = global >= from && global < to
                    ? new DerivativeStructure(free, 1, global - from, values[i])
                    : new DerivativeStructure(free, 1, values[i]);
        }
        return new DsMat(m.rows(), m.cols(), free, d);
    }

    DerivativeStructure get(int r, int c) {
        return data[r * cols + c];
    }

    DerivativeStructure at(int i) {
        return data[i];
    }

    int size() {
        return data.length;
    }

    /** A constant of this matrix's variable count. */
    DerivativeStructure scalar(double v) {
        return new DerivativeStructure(free, 1, v);
    }

    DsMat map(UnaryOperator<DerivativeStructure> f) {
        DerivativeStructure[] out = new DerivativeStructure[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.apply(data[i]);
        }
        return new DsMat(rows, cols, free, out);
    }

    DsMat zip(DsMat other, BinaryOperator<DerivativeStructure> f) {
        DerivativeStructure[] out = new DerivativeStructure[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.apply(data[i], other.data[i]);
        }
        return new DsMat(rows, cols, free, out);
    }

    /** The values without derivatives. */
    Mat values() {
        double[] v = new double[data.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = data[i].getValue();
        }
        return Mat.of(rows, cols, v);
    }
}
