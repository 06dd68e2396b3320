package dev.unroll.kernels;

/** The plain-Java bodies of {@link RowMath}: exactly the interpreter's arithmetic, row by row. */
final class PlainRows {

    private PlainRows() {
    }

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
                out[or + c] = Math.exp(a[ar + c] - max);
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
                sum += Math.exp(a[ar + c] - max);
            }
            out[outOff + r] = max + Math.log(sum);
        }
    }

    static void softmax(float[] a, int aOff, float[] out, int outOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int ar = aOff + r * cols;
            int or = outOff + r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, a[ar + c]);
            }
            float sum = 0.0f;
            for (int c = 0; c < cols; c++) {
                out[or + c] = (float) Math.exp(a[ar + c] - max);
                sum += out[or + c];
            }
            for (int c = 0; c < cols; c++) {
                out[or + c] /= sum;
            }
        }
    }

    static void logSumExp(float[] a, int aOff, float[] out, int outOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int ar = aOff + r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, a[ar + c]);
            }
            float sum = 0.0f;
            for (int c = 0; c < cols; c++) {
                sum += (float) Math.exp(a[ar + c] - max);
            }
            out[outOff + r] = max + (float) Math.log(sum);
        }
    }
}
