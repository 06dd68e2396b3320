package dev.unroll.compiler.kernel;

import dev.unroll.compiler.interp.OpSemantics;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The vector-API bodies of {@link ArrayMath}: whole vectors through the API's lane-wise functions, the last few
 * elements through {@link Math}. Loaded only when the {@code jdk.incubator.vector} module is present.
 */
final class VectorMath {

    private static final int LF = FloatTiles.L;
    private static final int LD = DoubleTiles.L;

    private VectorMath() {
    }

    static void tanh(double[] src, int sOff, double[] dst, int dOff, int n) {
        int i = 0;
        for (; i + LD <= n; i += LD) {
            DoubleVector.fromArray(DoubleTiles.S, src, sOff + i).lanewise(VectorOperators.TANH)
                    .intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = Math.tanh(src[sOff + i]);
        }
    }

    /**
     * The interpreter's form, {@code 1 / (1 + e)} for {@code x ≥ 0} and {@code e / (1 + e)} below, with
     * {@code e = exp(−|x|) ≤ 1}: nothing overflows, so a result that is subnormal is computed, not flushed to 0 as
     * {@code 1 / (1 + exp(−x))} would when {@code exp(−x)} overflows; NaN stays NaN through {@code e}.
     */
    static void sigmoid(double[] src, int sOff, double[] dst, int dOff, int n) {
        DoubleVector one = DoubleVector.broadcast(DoubleTiles.S, 1.0);
        int i = 0;
        for (; i + LD <= n; i += LD) {
            DoubleVector x = DoubleVector.fromArray(DoubleTiles.S, src, sOff + i);
            DoubleVector e = x.abs().neg().lanewise(VectorOperators.EXP);
            one.blend(e, x.compare(VectorOperators.LT, 0.0)).div(e.add(1.0)).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = OpSemantics.sigmoid(src[sOff + i]);
        }
    }

    static void exp(double[] src, int sOff, double[] dst, int dOff, int n) {
        int i = 0;
        for (; i + LD <= n; i += LD) {
            DoubleVector.fromArray(DoubleTiles.S, src, sOff + i).lanewise(VectorOperators.EXP).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = Math.exp(src[sOff + i]);
        }
    }

    static void log(double[] src, int sOff, double[] dst, int dOff, int n) {
        int i = 0;
        for (; i + LD <= n; i += LD) {
            DoubleVector.fromArray(DoubleTiles.S, src, sOff + i).lanewise(VectorOperators.LOG).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = Math.log(src[sOff + i]);
        }
    }

    static void tanh(float[] src, int sOff, float[] dst, int dOff, int n) {
        int i = 0;
        for (; i + LF <= n; i += LF) {
            FloatVector.fromArray(FloatTiles.S, src, sOff + i).lanewise(VectorOperators.TANH).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = (float) Math.tanh(src[sOff + i]);
        }
    }

    /** As the float64 {@code sigmoid}, computed in float. */
    static void sigmoid(float[] src, int sOff, float[] dst, int dOff, int n) {
        FloatVector one = FloatVector.broadcast(FloatTiles.S, 1f);
        int i = 0;
        for (; i + LF <= n; i += LF) {
            FloatVector x = FloatVector.fromArray(FloatTiles.S, src, sOff + i);
            FloatVector e = x.abs().neg().lanewise(VectorOperators.EXP);
            one.blend(e, x.compare(VectorOperators.LT, 0f)).div(e.add(1f)).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = (float) OpSemantics.sigmoid(src[sOff + i]);
        }
    }

    static void exp(float[] src, int sOff, float[] dst, int dOff, int n) {
        int i = 0;
        for (; i + LF <= n; i += LF) {
            FloatVector.fromArray(FloatTiles.S, src, sOff + i).lanewise(VectorOperators.EXP).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = (float) Math.exp(src[sOff + i]);
        }
    }

    static void log(float[] src, int sOff, float[] dst, int dOff, int n) {
        int i = 0;
        for (; i + LF <= n; i += LF) {
            FloatVector.fromArray(FloatTiles.S, src, sOff + i).lanewise(VectorOperators.LOG).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = (float) Math.log(src[sOff + i]);
        }
    }

    /** A blend on the comparison {@code x > 0}, false for NaN, as the interpreter's {@code x > 0 ? x : 0}. */
    static void relu(double[] src, int sOff, double[] dst, int dOff, int n) {
        DoubleVector zero = DoubleVector.zero(DoubleTiles.S);
        int i = 0;
        for (; i + LD <= n; i += LD) {
            DoubleVector x = DoubleVector.fromArray(DoubleTiles.S, src, sOff + i);
            zero.blend(x, x.compare(VectorOperators.GT, 0.0)).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = src[sOff + i] > 0 ? src[sOff + i] : 0.0;
        }
    }

    static void step(double[] src, int sOff, double[] dst, int dOff, int n) {
        DoubleVector zero = DoubleVector.zero(DoubleTiles.S);
        DoubleVector one = DoubleVector.broadcast(DoubleTiles.S, 1.0);
        int i = 0;
        for (; i + LD <= n; i += LD) {
            DoubleVector x = DoubleVector.fromArray(DoubleTiles.S, src, sOff + i);
            zero.blend(one, x.compare(VectorOperators.GT, 0.0)).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = src[sOff + i] > 0 ? 1.0 : 0.0;
        }
    }

    static void relu(float[] src, int sOff, float[] dst, int dOff, int n) {
        FloatVector zero = FloatVector.zero(FloatTiles.S);
        int i = 0;
        for (; i + LF <= n; i += LF) {
            FloatVector x = FloatVector.fromArray(FloatTiles.S, src, sOff + i);
            zero.blend(x, x.compare(VectorOperators.GT, 0f)).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = src[sOff + i] > 0 ? src[sOff + i] : 0.0f;
        }
    }

    static void step(float[] src, int sOff, float[] dst, int dOff, int n) {
        FloatVector zero = FloatVector.zero(FloatTiles.S);
        FloatVector one = FloatVector.broadcast(FloatTiles.S, 1f);
        int i = 0;
        for (; i + LF <= n; i += LF) {
            FloatVector x = FloatVector.fromArray(FloatTiles.S, src, sOff + i);
            zero.blend(one, x.compare(VectorOperators.GT, 0f)).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = src[sOff + i] > 0 ? 1.0f : 0.0f;
        }
    }
}
