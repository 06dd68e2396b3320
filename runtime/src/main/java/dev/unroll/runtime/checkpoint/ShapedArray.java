package dev.unroll.runtime.checkpoint;

import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import java.util.Arrays;

/**
 * A flat array of doubles with a row-major (C order) shape, e.g. {@code [rows, cols]} for a weight matrix or
 * {@code [n]} for a bias; an empty shape is a scalar holding one value. Compared by value; the arrays are copied
 * on the way in and out, so an instance cannot change.
 */
public record ShapedArray(int[] shape, double[] values) {

    public ShapedArray {
        Require.notNull(shape, "new ShapedArray", "shape");
        Require.notNull(values, "new ShapedArray", "values");
        shape = shape.clone();
        values = values.clone();
        long count = 1;
        for (int dim : shape) {
            if (dim < 0) {
                throw new UnrollException("ShapedArray: dimensions must be >= 0, got shape " + Arrays.toString(shape)
                        + "; pass the array's real shape");
            }
            count *= dim;
            if (count > Integer.MAX_VALUE) {
                throw new UnrollException("ShapedArray: shape " + Arrays.toString(shape)
                        + " has more elements than a Java array can hold; pass the array's real shape");
            }
        }
        if (count != values.length) {
            throw new UnrollException("ShapedArray: shape " + Arrays.toString(shape) + " holds " + count
                    + " values, but " + values.length + " were given; make the shape match the data");
        }
    }

    /** A one-dimensional array of shape {@code [values.length]}. */
    public static ShapedArray vector(double... values) {
        Require.notNull(values, "ShapedArray.vector", "values");
        return new ShapedArray(new int[] {values.length}, values);
    }

    /** A {@code rows × cols} matrix from row-major values. */
    public static ShapedArray matrix(int rows, int cols, double... values) {
        Require.notNull(values, "ShapedArray.matrix", "values");
        return new ShapedArray(new int[] {rows, cols}, values);
    }

    /** A copy of the shape. */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** A copy of the values. */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The number of values. */
    public int size() {
        return values.length;
    }

    /** The value at flat (row-major) position {@code index}. */
    public double get(int index) {
        return values[index];
    }

    /** The index of the first NaN or infinite value, or -1 when every value is finite. */
    public int firstNonFinite() {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object other) {
        // Bitwise comparison (like Arrays.equals on doubles): NaN equals NaN, 0.0 differs from -0.0.
        return other instanceof ShapedArray a && Arrays.equals(a.shape, shape) && Arrays.equals(a.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "ShapedArray" + Arrays.toString(shape)
                + (values.length <= 8 ? Arrays.toString(values) : "(" + values.length + " values)");
    }
}
