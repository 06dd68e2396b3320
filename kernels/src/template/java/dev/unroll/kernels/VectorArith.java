package dev.unroll.kernels;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The vector-API bodies of {@link Elementwise}: whole vectors of the preferred species, the last few elements one by
 * one. Each lane computes exactly the scalar operation (IEEE addition, subtraction, multiplication and division
 * round the same way on vectors), and sums keep their order, so these give the plain bodies' results bit for bit.
 * Loaded only when the {@code jdk.incubator.vector} module is present.
 */
final class VectorArith {

    private static final int LF = FloatTiles.L;
    private static final int LD = DoubleTiles.L;

    private VectorArith() {
    }

    // twin: begin
    static void add(double[] a, int aOff, double[] b, int bOff, double[] out, int oOff, int n) {
        int i = 0;
        for (; i + LD <= n; i += LD) {
            DoubleVector x = DoubleVector.fromArray(DoubleTiles.S, a, aOff + i);
            x.add(DoubleVector.fromArray(DoubleTiles.S, b, bOff + i)).intoArray(out, oOff + i);
        }
        for (; i < n; i++) {
            out[oOff + i] = a[aOff + i] + b[bOff + i];
        }
    }

    static void sub(double[] a, int aOff, double[] b, int bOff, double[] out, int oOff, int n) {
        int i = 0;
        for (; i + LD <= n; i += LD) {
            DoubleVector x = DoubleVector.fromArray(DoubleTiles.S, a, aOff + i);
            x.sub(DoubleVector.fromArray(DoubleTiles.S, b, bOff + i)).intoArray(out, oOff + i);
        }
        for (; i < n; i++) {
            out[oOff + i] = a[aOff + i] - b[bOff + i];
        }
    }

    static void mul(double[] a, int aOff, double[] b, int bOff, double[] out, int oOff, int n) {
        int i = 0;
        for (; i + LD <= n; i += LD) {
            DoubleVector x = DoubleVector.fromArray(DoubleTiles.S, a, aOff + i);
            x.mul(DoubleVector.fromArray(DoubleTiles.S, b, bOff + i)).intoArray(out, oOff + i);
        }
        for (; i < n; i++) {
            out[oOff + i] = a[aOff + i] * b[bOff + i];
        }
    }

    static void select(double[] m, int mOff, double[] a, int aOff, double[] b, int bOff, double[] out, int oOff,
            int n) {
        int i = 0;
        for (; i + LD <= n; i += LD) {
            VectorMask<Double> chosen = DoubleVector.fromArray(DoubleTiles.S, m, mOff + i)
                    .compare(VectorOperators.GT, 0.0);
            DoubleVector.fromArray(DoubleTiles.S, b, bOff + i)
                    .blend(DoubleVector.fromArray(DoubleTiles.S, a, aOff + i), chosen).intoArray(out, oOff + i);
        }
        for (; i < n; i++) {
            out[oOff + i] = m[mOff + i] > 0 ? a[aOff + i] : b[bOff + i];
        }
    }

    static void selectScalar(double[] m, int mOff, double[] a, int aOff, double c, double[] out, int oOff, int n) {
        DoubleVector k = DoubleVector.broadcast(DoubleTiles.S, c);
        int i = 0;
        for (; i + LD <= n; i += LD) {
            VectorMask<Double> chosen = DoubleVector.fromArray(DoubleTiles.S, m, mOff + i)
                    .compare(VectorOperators.GT, 0.0);
            k.blend(DoubleVector.fromArray(DoubleTiles.S, a, aOff + i), chosen).intoArray(out, oOff + i);
        }
        for (; i < n; i++) {
            out[oOff + i] = m[mOff + i] > 0 ? a[aOff + i] : c;
        }
    }

    static void scalarSelect(double[] m, int mOff, double c, double[] b, int bOff, double[] out, int oOff, int n) {
        DoubleVector k = DoubleVector.broadcast(DoubleTiles.S, c);
        int i = 0;
        for (; i + LD <= n; i += LD) {
            VectorMask<Double> chosen = DoubleVector.fromArray(DoubleTiles.S, m, mOff + i)
                    .compare(VectorOperators.GT, 0.0);
            DoubleVector.fromArray(DoubleTiles.S, b, bOff + i).blend(k, chosen).intoArray(out, oOff + i);
        }
        for (; i < n; i++) {
            out[oOff + i] = m[mOff + i] > 0 ? c : b[bOff + i];
        }
    }

    static void div(double[] a, int aOff, double[] b, int bOff, double[] out, int oOff, int n) {
        int i = 0;
        for (; i + LD <= n; i += LD) {
            DoubleVector x = DoubleVector.fromArray(DoubleTiles.S, a, aOff + i);
            x.div(DoubleVector.fromArray(DoubleTiles.S, b, bOff + i)).intoArray(out, oOff + i);
        }
        for (; i < n; i++) {
            out[oOff + i] = a[aOff + i] / b[bOff + i];
        }
    }

    static void neg(double[] a, int aOff, double[] out, int oOff, int n) {
        int i = 0;
        for (; i + LD <= n; i += LD) {
            DoubleVector.fromArray(DoubleTiles.S, a, aOff + i).neg().intoArray(out, oOff + i);
        }
        for (; i < n; i++) {
            out[oOff + i] = -a[aOff + i];
        }
    }

    static void scale(double s, double[] a, int aOff, double[] out, int oOff, int n) {
        DoubleVector factor = DoubleVector.broadcast(DoubleTiles.S, s);
        int i = 0;
        for (; i + LD <= n; i += LD) {
            factor.mul(DoubleVector.fromArray(DoubleTiles.S, a, aOff + i)).intoArray(out, oOff + i);
        }
        for (; i < n; i++) {
            out[oOff + i] = s * a[aOff + i];
        }
    }

    static void addScalar(double c, double[] a, int aOff, double[] out, int oOff, int n) {
        DoubleVector k = DoubleVector.broadcast(DoubleTiles.S, c);
        int i = 0;
        for (; i + LD <= n; i += LD) {
            DoubleVector x = DoubleVector.fromArray(DoubleTiles.S, a, aOff + i);
            x.add(k).intoArray(out, oOff + i);
        }
        for (; i < n; i++) {
            out[oOff + i] = a[aOff + i] + c;
        }
    }

    static void subScalar(double c, double[] a, int aOff, double[] out, int oOff, int n) {
        DoubleVector k = DoubleVector.broadcast(DoubleTiles.S, c);
        int i = 0;
        for (; i + LD <= n; i += LD) {
            DoubleVector x = DoubleVector.fromArray(DoubleTiles.S, a, aOff + i);
            x.sub(k).intoArray(out, oOff + i);
        }
        for (; i < n; i++) {
            out[oOff + i] = a[aOff + i] - c;
        }
    }

    static void subFrom(double c, double[] a, int aOff, double[] out, int oOff, int n) {
        DoubleVector k = DoubleVector.broadcast(DoubleTiles.S, c);
        int i = 0;
        for (; i + LD <= n; i += LD) {
            DoubleVector x = DoubleVector.fromArray(DoubleTiles.S, a, aOff + i);
            k.sub(x).intoArray(out, oOff + i);
        }
        for (; i < n; i++) {
            out[oOff + i] = c - a[aOff + i];
        }
    }

    static void divScalar(double c, double[] a, int aOff, double[] out, int oOff, int n) {
        DoubleVector k = DoubleVector.broadcast(DoubleTiles.S, c);
        int i = 0;
        for (; i + LD <= n; i += LD) {
            DoubleVector x = DoubleVector.fromArray(DoubleTiles.S, a, aOff + i);
            x.div(k).intoArray(out, oOff + i);
        }
        for (; i < n; i++) {
            out[oOff + i] = a[aOff + i] / c;
        }
    }

    static void scalarDiv(double c, double[] a, int aOff, double[] out, int oOff, int n) {
        DoubleVector k = DoubleVector.broadcast(DoubleTiles.S, c);
        int i = 0;
        for (; i + LD <= n; i += LD) {
            DoubleVector x = DoubleVector.fromArray(DoubleTiles.S, a, aOff + i);
            k.div(x).intoArray(out, oOff + i);
        }
        for (; i < n; i++) {
            out[oOff + i] = c / a[aOff + i];
        }
    }

    static void addBias(double[] a, int aOff, double[] bias, int bOff, double[] out, int oOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            add(a, aOff + r * cols, bias, bOff, out, oOff + r * cols, cols);
        }
    }

    static void sumRows(double[] a, int aOff, double[] out, int oOff, int rows, int cols) {
        Arrays.fill(out, oOff, oOff + cols, 0.0);
        for (int r = 0; r < rows; r++) {
            accumulate(a, aOff + r * cols, out, oOff, cols);
        }
    }

    static void accumulate(double[] src, int sOff, double[] dst, int dOff, int n) {
        int i = 0;
        for (; i + LD <= n; i += LD) {
            DoubleVector x = DoubleVector.fromArray(DoubleTiles.S, dst, dOff + i);
            x.add(DoubleVector.fromArray(DoubleTiles.S, src, sOff + i)).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] += src[sOff + i];
        }
    }
    // twin: end
}
