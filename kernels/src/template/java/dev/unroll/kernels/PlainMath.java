package dev.unroll.kernels;

/**
 * The plain-Java bodies of {@link ArrayMath}, exactly the interpreter's arithmetic: {@link Math} and
 * {@link Scalar#sigmoid} in double, rounded to float for float32.
 */
@SuppressWarnings("cast") // (double) is the float32 twin's (float), which rounds the double result
final class PlainMath {

    private PlainMath() {
    }

    // twin: begin
    static void tanh(double[] src, int sOff, double[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] = (double) Math.tanh(src[sOff + i]);
        }
    }

    static void sigmoid(double[] src, int sOff, double[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] = (double) Scalar.sigmoid(src[sOff + i]);
        }
    }

    static void exp(double[] src, int sOff, double[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] = (double) Math.exp(src[sOff + i]);
        }
    }

    static void log(double[] src, int sOff, double[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] = (double) Math.log(src[sOff + i]);
        }
    }

    static void sqrt(double[] src, int sOff, double[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] = (double) Math.sqrt(src[sOff + i]);
        }
    }

    static void relu(double[] src, int sOff, double[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] = src[sOff + i] > 0 ? src[sOff + i] : 0.0;
        }
    }

    static void step(double[] src, int sOff, double[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] = src[sOff + i] > 0 ? 1.0 : 0.0;
        }
    }
    // twin: end
}
