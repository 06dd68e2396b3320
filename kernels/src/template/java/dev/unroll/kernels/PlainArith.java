package dev.unroll.kernels;

import java.util.Arrays;

/** The plain-Java bodies of {@link Elementwise}: one loop per operation, exactly the interpreter's arithmetic. */
final class PlainArith {

    private PlainArith() {
    }

    // twin: begin
    static void add(double[] a, int aOff, double[] b, int bOff, double[] out, int oOff, int n) {
        for (int i = 0; i < n; i++) {
            out[oOff + i] = a[aOff + i] + b[bOff + i];
        }
    }

    static void sub(double[] a, int aOff, double[] b, int bOff, double[] out, int oOff, int n) {
        for (int i = 0; i < n; i++) {
            out[oOff + i] = a[aOff + i] - b[bOff + i];
        }
    }

    static void mul(double[] a, int aOff, double[] b, int bOff, double[] out, int oOff, int n) {
        for (int i = 0; i < n; i++) {
            out[oOff + i] = a[aOff + i] * b[bOff + i];
        }
    }

    static void select(double[] m, int mOff, double[] a, int aOff, double[] b, int bOff, double[] out, int oOff,
            int n) {
        for (int i = 0; i < n; i++) {
            out[oOff + i] = m[mOff + i] > 0 ? a[aOff + i] : b[bOff + i];
        }
    }

    static void selectScalar(double[] m, int mOff, double[] a, int aOff, double c, double[] out, int oOff, int n) {
        for (int i = 0; i < n; i++) {
            out[oOff + i] = m[mOff + i] > 0 ? a[aOff + i] : c;
        }
    }

    static void scalarSelect(double[] m, int mOff, double c, double[] b, int bOff, double[] out, int oOff, int n) {
        for (int i = 0; i < n; i++) {
            out[oOff + i] = m[mOff + i] > 0 ? c : b[bOff + i];
        }
    }

    static void div(double[] a, int aOff, double[] b, int bOff, double[] out, int oOff, int n) {
        for (int i = 0; i < n; i++) {
            out[oOff + i] = a[aOff + i] / b[bOff + i];
        }
    }

    static void neg(double[] a, int aOff, double[] out, int oOff, int n) {
        for (int i = 0; i < n; i++) {
            out[oOff + i] = -a[aOff + i];
        }
    }

    static void scale(double s, double[] a, int aOff, double[] out, int oOff, int n) {
        for (int i = 0; i < n; i++) {
            out[oOff + i] = s * a[aOff + i];
        }
    }

    static void addScalar(double c, double[] a, int aOff, double[] out, int oOff, int n) {
        for (int i = 0; i < n; i++) {
            out[oOff + i] = a[aOff + i] + c;
        }
    }

    static void subScalar(double c, double[] a, int aOff, double[] out, int oOff, int n) {
        for (int i = 0; i < n; i++) {
            out[oOff + i] = a[aOff + i] - c;
        }
    }

    static void subFrom(double c, double[] a, int aOff, double[] out, int oOff, int n) {
        for (int i = 0; i < n; i++) {
            out[oOff + i] = c - a[aOff + i];
        }
    }

    static void divScalar(double c, double[] a, int aOff, double[] out, int oOff, int n) {
        for (int i = 0; i < n; i++) {
            out[oOff + i] = a[aOff + i] / c;
        }
    }

    static void scalarDiv(double c, double[] a, int aOff, double[] out, int oOff, int n) {
        for (int i = 0; i < n; i++) {
            out[oOff + i] = c / a[aOff + i];
        }
    }

    static void addBias(double[] a, int aOff, double[] bias, int bOff, double[] out, int oOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[oOff + r * cols + c] = a[aOff + r * cols + c] + bias[bOff + c];
            }
        }
    }

    static void sumRows(double[] a, int aOff, double[] out, int oOff, int rows, int cols) {
        Arrays.fill(out, oOff, oOff + cols, 0.0);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[oOff + c] += a[aOff + r * cols + c];
            }
        }
    }

    static void accumulate(double[] src, int sOff, double[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] += src[sOff + i];
        }
    }
    // twin: end
}
