package dev.unroll.compiler.interp;

import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.ir.Shape;
import java.util.Arrays;

/**
 * A dense row-major matrix of doubles, the value type of the reference interpreter. The array is owned by the
 * matrix: factories copy their input and {@link #data()} returns a copy, so a {@code Mat} is immutable.
 */
public final class Mat {

    private final int rows;
    private final int cols;
    private final double[] data;

    private Mat(int rows, int cols, double[] data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /** A matrix holding a copy of {@code data} (row-major, {@code rows·cols} long). */
    public static Mat of(int rows, int cols, double... data) {
        int count = elements("Mat.of", rows, cols);
        Require.notNull(data, "Mat.of", "data");
        if (data.length != count) {
            throw new UnrollException("Mat.of: " + rows + "×" + cols + " needs " + count + " values, got "
                    + data.length);
        }
        return new Mat(rows, cols, data.clone());
    }

    /** A matrix from rows of equal length. */
    public static Mat rows(double[]... rowValues) {
        Require.notNull(rowValues, "Mat.rows", "rowValues");
        for (int r = 0; r < rowValues.length; r++) {
            Require.notNull(rowValues[r], "Mat.rows", "row " + r);
        }
        int cols = rowValues.length == 0 ? 0 : rowValues[0].length;
        double[] d = new double[elements("Mat.rows", rowValues.length, cols)];
        for (int r = 0; r < rowValues.length; r++) {
            if (rowValues[r].length != cols) {
                throw new UnrollException("Mat.rows: row " + r + " has " + rowValues[r].length + " values, row 0 has "
                        + cols);
            }
            System.arraycopy(rowValues[r], 0, d, r * cols, cols);
        }
        return of(rowValues.length, cols, d);
    }

    /** A zero matrix. */
    public static Mat zeros(int rows, int cols) {
        return new Mat(rows, cols, new double[elements("Mat.zeros", rows, cols)]);
    }

    /**
     * {@code rows·cols} for a matrix made by {@code call}, or an {@link UnrollException} when either is below 1 or
     * the product does not fit one Java array.
     */
    static int elements(String call, int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new UnrollException(call + ": a matrix needs at least 1 row and 1 column, got " + rows + "×" + cols);
        }
        return Shape.elements(call + ": a matrix", rows, cols);
    }

    /** Wraps {@code data} without copying; for interpreter internals that never share the array. */
    static Mat wrap(int rows, int cols, double[] data) {
        return new Mat(rows, cols, data);
    }

    /** The number of rows. */
    public int rows() {
        return rows;
    }

    /** The number of columns. */
    public int cols() {
        return cols;
    }

    /** The element at row {@code r}, column {@code c}. */
    public double get(int r, int c) {
        if (r < 0 || r >= rows || c < 0 || c >= cols) {
            throw new UnrollException("Mat.get: (" + r + ", " + c + ") is outside this " + rows + "×" + cols
                    + " matrix; rows count from 0 to " + (rows - 1) + ", columns from 0 to " + (cols - 1));
        }
        return data[r * cols + c];
    }

    /** A copy of the elements, row-major. */
    public double[] data() {
        return data.clone();
    }

    /** The elements without copying; callers inside the interpreter must not write to it. */
    double[] raw() {
        return data;
    }

    /** The elementwise sum {@code this + other}. */
    public Mat plus(Mat other) {
        Require.notNull(other, "Mat.plus", "other");
        if (other.rows != rows || other.cols != cols) {
            throw new UnrollException("Mat.plus: " + rows + "×" + cols + " + " + other.rows + "×" + other.cols);
        }
        double[] out = data.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += other.data[i];
        }
        return new Mat(rows, cols, out);
    }

    /** {@code k · this}. */
    public Mat times(double k) {
        double[] out = data.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= k;
        }
        return new Mat(rows, cols, out);
    }

    /** Whether every element is finite. */
    public boolean isFinite() {
        for (double v : data) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** Whether this matrix has the shape {@code shape}, with the batch dimension equal to {@code batch}. */
    public boolean fits(Shape shape, int batch) {
        Require.notNull(shape, "Mat.fits", "shape");
        return rows == shape.rowsFor(batch) && cols == shape.cols();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mat m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int r = 0; r < rows; r++) {
            sb.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < cols; c++) {
                sb.append(c == 0 ? "" : ", ").append(get(r, c));
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }
}
