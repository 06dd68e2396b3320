package dev.unroll.dsl.ir;

/**
 * The static shape of a 2-D value: {@code rows × cols}, where rows may be the symbolic batch size {@code B}.
 *
 * <p>Values flowing through a cell are {@code [B × features]}; parameters are {@code [rows × cols]} matrices
 * or {@code [1 × cols]} bias rows.
 */
public record Shape(int rows, int cols) {

    /** The marker stored in {@link #rows()} for the symbolic batch dimension. */
    public static final int BATCH = -1;

    public Shape {
        if (rows != BATCH && rows < 1) {
            throw new IllegalArgumentException("rows must be positive or Shape.BATCH, got " + rows);
        }
        if (cols < 1) {
            throw new IllegalArgumentException("cols must be positive, got " + cols);
        }
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
