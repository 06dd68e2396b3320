package dev.unroll.dsl.ir;

import dev.unroll.dsl.core.UnrollException;

/**
 * The static shape of a 2-D value: {@code rows × cols}, where rows may be the symbolic batch size {@code B}.
 *
 * <p>Values flowing through a cell are {@code [B × features]}; parameters are {@code [rows × cols]} matrices
 * or {@code [1 × cols]} bias rows.
 */
public record Shape(int rows, int cols) {

    /** The marker stored in {@link #rows()} for the symbolic batch dimension. */
    public static final int BATCH = -1;

    /** The most elements one value may hold: the longest array every JVM allocates. */
    public static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    public Shape {
        if (rows != BATCH && rows < 1) {
            throw new UnrollException("a shape's rows must be at least 1 (or Shape.BATCH for the batch), got " + rows);
        }
        if (cols < 1) {
            throw new UnrollException("a shape's columns must be at least 1, got " + cols);
        }
        if ((long) (rows == BATCH ? 1 : rows) * cols > MAX_ELEMENTS) {
            throw new UnrollException(rows == BATCH ? tooLarge("one batch row of shape [B×" + cols + "]", 1, cols)
                    : tooLarge("a value of shape [" + rows + "×" + cols + "]", rows, cols));
        }
    }

    /**
     * {@code rows·cols}, computed without overflow, or an {@link UnrollException} naming {@code what} when either
     * is negative or the product is more than {@link #MAX_ELEMENTS}: every value must fit one Java array.
     */
    public static int elements(String what, int rows, int cols) {
        if (rows < 0 || cols < 0 || (long) rows * cols > MAX_ELEMENTS) {
            throw new UnrollException(tooLarge(what, rows, cols));
        }
        return rows * cols;
    }

    /** The message for {@code what} of {@code rows × cols} elements, which no value can hold. */
    public static String tooLarge(String what, int rows, int cols) {
        return what + " would hold " + rows + "×" + cols + " = " + (long) rows * cols + " elements, but a value holds"
                + " from 0 to " + MAX_ELEMENTS + " (the longest Java array); use smaller dimensions";
    }

    /** A batched shape {@code [B × cols]}. */
    public static Shape batch(int cols) {
        return new Shape(BATCH, cols);
    }

    /** A fixed shape {@code [rows × cols]}. */
    public static Shape of(int rows, int cols) {
        return new Shape(rows, cols);
    }

    /** Whether the row count is the symbolic batch size. */
    public boolean batched() {
        return rows == BATCH;
    }

    /** The same rows with another column count. */
    public Shape withCols(int newCols) {
        return new Shape(rows, newCols);
    }

    /** The row count, with the batch dimension resolved to {@code batchSize}. */
    public int rowsFor(int batchSize) {
        return batched() ? batchSize : rows;
    }

    /** Whether two shapes have the same row dimension (both batched, or equal fixed counts). */
    public boolean sameRows(Shape other) {
        return rows == other.rows;
    }

    @Override
    public String toString() {
        return "[" + (batched() ? "B" : Integer.toString(rows)) + "×" + cols + "]";
    }
}
