package dev.unroll.bench;

import dev.unroll.compiler.interp.OpSemantics;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The baselines of {@link TranscendentalBenchmark}: the vector kernels' former {@code tanh}, logistic function,
 * {@code exp} and {@code log}, on the vector API's lane-wise {@code TANH}, {@code EXP} and {@code LOG} (on x86 the
 * JDK's short-vector math library once C2 has compiled them, {@link Math} lane by lane before: fast, but results that
 * change with the JIT tier), and the plain path's loops through {@link Math} in double.
 */
final class BaselineMath {

    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private BaselineMath() {
    }

    static void svmlTanh(double[] src, int sOff, double[] dst, int dOff, int n) {
        int i = 0;
        for (; i + D.length() <= n; i += D.length()) {
            DoubleVector.fromArray(D, src, sOff + i).lanewise(VectorOperators.TANH)
                    .intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = Math.tanh(src[sOff + i]);
        }
    }

    static void svmlSigmoid(double[] src, int sOff, double[] dst, int dOff, int n) {
        DoubleVector one = DoubleVector.broadcast(D, 1.0);
        int i = 0;
        for (; i + D.length() <= n; i += D.length()) {
            DoubleVector x = DoubleVector.fromArray(D, src, sOff + i);
            DoubleVector e = x.abs().neg().lanewise(VectorOperators.EXP);
            one.blend(e, x.compare(VectorOperators.LT, 0.0)).div(e.add(1.0)).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = OpSemantics.sigmoid(src[sOff + i]);
        }
    }

    static void svmlExp(double[] src, int sOff, double[] dst, int dOff, int n) {
        int i = 0;
        for (; i + D.length() <= n; i += D.length()) {
            DoubleVector.fromArray(D, src, sOff + i).lanewise(VectorOperators.EXP).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = Math.exp(src[sOff + i]);
        }
    }

    static void svmlLog(double[] src, int sOff, double[] dst, int dOff, int n) {
        int i = 0;
        for (; i + D.length() <= n; i += D.length()) {
            DoubleVector.fromArray(D, src, sOff + i).lanewise(VectorOperators.LOG).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = Math.log(src[sOff + i]);
        }
    }

    static void svmlTanh(float[] src, int sOff, float[] dst, int dOff, int n) {
        int i = 0;
        for (; i + F.length() <= n; i += F.length()) {
            FloatVector.fromArray(F, src, sOff + i).lanewise(VectorOperators.TANH).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = (float) Math.tanh(src[sOff + i]);
        }
    }

    static void svmlSigmoid(float[] src, int sOff, float[] dst, int dOff, int n) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        int i = 0;
        for (; i + F.length() <= n; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, src, sOff + i);
            FloatVector e = x.abs().neg().lanewise(VectorOperators.EXP);
            one.blend(e, x.compare(VectorOperators.LT, 0f)).div(e.add(1f)).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = (float) OpSemantics.sigmoid(src[sOff + i]);
        }
    }

    static void svmlExp(float[] src, int sOff, float[] dst, int dOff, int n) {
        int i = 0;
        for (; i + F.length() <= n; i += F.length()) {
            FloatVector.fromArray(F, src, sOff + i).lanewise(VectorOperators.EXP).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = (float) Math.exp(src[sOff + i]);
        }
    }

    static void svmlLog(float[] src, int sOff, float[] dst, int dOff, int n) {
        int i = 0;
        for (; i + F.length() <= n; i += F.length()) {
            FloatVector.fromArray(F, src, sOff + i).lanewise(VectorOperators.LOG).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = (float) Math.log(src[sOff + i]);
        }
    }

    static void plainTanh(double[] src, int sOff, double[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] = Math.tanh(src[sOff + i]);
        }
    }

    static void plainSigmoid(double[] src, int sOff, double[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] = OpSemantics.sigmoid(src[sOff + i]);
        }
    }

    static void plainExp(double[] src, int sOff, double[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] = Math.exp(src[sOff + i]);
        }
    }

    static void plainLog(double[] src, int sOff, double[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] = Math.log(src[sOff + i]);
        }
    }

    static void plainTanh(float[] src, int sOff, float[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] = (float) Math.tanh(src[sOff + i]);
        }
    }

    static void plainSigmoid(float[] src, int sOff, float[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] = (float) OpSemantics.sigmoid(src[sOff + i]);
        }
    }

    static void plainExp(float[] src, int sOff, float[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] = (float) Math.exp(src[sOff + i]);
        }
    }

    static void plainLog(float[] src, int sOff, float[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] = (float) Math.log(src[sOff + i]);
        }
    }
}
