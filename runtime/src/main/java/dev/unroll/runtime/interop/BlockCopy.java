package dev.unroll.runtime.interop;

import dev.unroll.runtime.checkpoint.ShapedArray;

/** Copies a block of rows of a PyTorch weight, transposed, or a slice of a bias, into Unroll's row-major layout. */
final class BlockCopy {

    private BlockCopy() {
    }

    /**
     * Rows {@code from .. from + rows} of the row-major {@code [* × cols]} array {@code w}, transposed: a
     * {@code [cols × rows]} matrix, since PyTorch computes {@code x Wᵀ} and Unroll {@code x W}.
     */
    static double[] transposed(ShapedArray w, int from, int rows, int cols) {
        double[] out = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = w.get((from + r) * cols + c);
            }
        }
        return out;
    }

    /** Elements {@code from .. from + n} of {@code bias}. */
    static double[] slice(ShapedArray bias, int from, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = bias.get(from + i);
        }
        return out;
    }

    /** Elements {@code from .. from + n} of {@code a + b}: PyTorch's two biases where the cell adds both anyway. */
    static double[] sum(ShapedArray a, ShapedArray b, int from, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = a.get(from + i) + b.get(from + i);
        }
        return out;
    }
}
