package dev.unroll.kernels;

/**
 * The vector bodies of {@link RowMath}: each row shifted by its maximum into a block, the exponentials of the whole
 * block in one call of {@link PortableLanes#exp} or {@link PortableFloatLanes#exp} (rows are short, 28 classes for a
 * character model, so a vector per row would leave most lanes to a scalar tail), then the sums row by row and the
 * logarithm of each sum by {@link PortableMath#log} or {@link PortableFloatMath#log}. Loaded only on the vector path.
 */
final class VectorRows {

    // twin: begin
    /** Shifted rows for {@code logSumExp}: grows to the largest block a thread has needed, then is reused. */
    private static final ThreadLocal<double[][]> DOUBLES = ThreadLocal.withInitial(() -> new double[1][0]);
    // twin: end

    private VectorRows() {
    }

    // twin: begin
    static void softmax(double[] a, int aOff, double[] out, int outOff, int rows, int cols) {
        shift(a, aOff, out, outOff, rows, cols, null, 0);
        PortableLanes.exp(out, outOff, out, outOff, rows * cols);
        for (int r = 0; r < rows; r++) {
            int or = outOff + r * cols;
            double sum = 0.0;
            for (int c = 0; c < cols; c++) {
                sum += out[or + c];
            }
            for (int c = 0; c < cols; c++) {
                out[or + c] /= sum;
            }
        }
    }

    static void logSumExp(double[] a, int aOff, double[] out, int outOff, int rows, int cols) {
        double[][] holder = DOUBLES.get();
        if (holder[0].length < rows * cols) {
            holder[0] = new double[rows * cols];
        }
        double[] e = holder[0];
        shift(a, aOff, e, 0, rows, cols, out, outOff);
        PortableLanes.exp(e, 0, e, 0, rows * cols);
        for (int r = 0; r < rows; r++) {
            double sum = 0.0;
            for (int c = 0; c < cols; c++) {
                sum += e[r * cols + c];
            }
            out[outOff + r] = out[outOff + r] + PortableMath.log(sum);
        }
    }

    /** {@code to[r, c] = a[r, c] − max_r}, and {@code max_r} into {@code maxes[r]} unless it is null. */
    private static void shift(double[] a, int aOff, double[] to, int toOff, int rows, int cols, double[] maxes,
                              int maxOff) {
        for (int r = 0; r < rows; r++) {
            int ar = aOff + r * cols;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, a[ar + c]);
            }
            for (int c = 0; c < cols; c++) {
                to[toOff + r * cols + c] = a[ar + c] - max;
            }
            if (maxes != null) {
                maxes[maxOff + r] = max;
            }
        }
    }
    // twin: end
}
