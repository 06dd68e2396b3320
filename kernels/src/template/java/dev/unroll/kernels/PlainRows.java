package dev.unroll.kernels;

/** The plain-Java bodies of {@link RowMath}: exactly the interpreter's arithmetic, row by row. */
@SuppressWarnings("cast") // (double) is the float32 twin's (float), which rounds the double result
final class PlainRows {

    private PlainRows() {
    }

    // twin: begin
    static void softmax(double[] a, int aOff, double[] out, int outOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int ar = aOff + r * cols;
            int or = outOff + r * cols;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, a[ar + c]);
            }
            double sum = 0.0;
            for (int c = 0; c < cols; c++) {
                out[or + c] = (double) Math.exp(a[ar + c] - max);
                sum += out[or + c];
            }
            for (int c = 0; c < cols; c++) {
                out[or + c] /= sum;
            }
        }
    }

    static void logSumExp(double[] a, int aOff, double[] out, int outOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int ar = aOff + r * cols;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, a[ar + c]);
            }
            double sum = 0.0;
            for (int c = 0; c < cols; c++) {
                sum += (double) Math.exp(a[ar + c] - max);
            }
            out[outOff + r] = max + (double) Math.log(sum);
        }
    }
    // twin: end
}
