package dev.unroll.kernels;

/**
 * The plain-Java bodies of {@link ArrayMath}, exactly the interpreter's arithmetic: {@link Math} and
 * {@link Scalar#sigmoid} in double, rounded to float for float32.
 */
final class PlainMath {

    private PlainMath() {
    }

    static void tanh(double[] src, int sOff, double[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] = Math.tanh(src[sOff + i]);
        }
    }

    static void sigmoid(double[] src, int sOff, double[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] = Scalar.sigmoid(src[sOff + i]);
        }
    }

    static void exp(double[] src, int sOff, double[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] = Math.exp(src[sOff + i]);
        }
    }

    static void log(double[] src, int sOff, double[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] = Math.log(src[sOff + i]);
        }
    }

    static void tanh(float[] src, int sOff, float[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] = (float) Math.tanh(src[sOff + i]);
        }
    }

    static void sigmoid(float[] src, int sOff, float[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] = (float) Scalar.sigmoid(src[sOff + i]);
        }
    }

    static void exp(float[] src, int sOff, float[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] = (float) Math.exp(src[sOff + i]);
        }
    }

    static void log(float[] src, int sOff, float[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] = (float) Math.log(src[sOff + i]);
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

    static void relu(float[] src, int sOff, float[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] = src[sOff + i] > 0 ? src[sOff + i] : 0.0f;
        }
    }

    static void step(float[] src, int sOff, float[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] = src[sOff + i] > 0 ? 1.0f : 0.0f;
        }
    }
}
