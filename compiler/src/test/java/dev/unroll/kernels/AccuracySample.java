package dev.unroll.kernels;

import dev.unroll.reference.Transcendental;
import java.util.SplittableRandom;

/**
 * The points {@link VectorMathAccuracyTest} measures a function on: runs of consecutive values around its edges
 * (where results saturate, turn subnormal, underflow or overflow, and around 0 and 1), uniform points in its core,
 * and random bit patterns of every exponent across its domain (tiny and subnormal arguments included).
 */
final class AccuracySample {

    /** Inputs whose results {@link Math} gives as NaN, infinite, zero or exactly representable, and the extremes. */
    static final double[] SPECIAL = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
        Double.MIN_VALUE, -Double.MIN_VALUE, 1e-310, -1e-310, Double.MIN_NORMAL, 1e-40, -1e-40, 1, -1,
        Double.MAX_VALUE, -Double.MAX_VALUE, 88.72284, -103.97209, 709.7827128933841, -745.1332191019412, -746};

    private static final int RUN = 1000;

    private AccuracySample() {
    }

    static float[] floats(Transcendental f, int n, SplittableRandom rng) {
        float[] x = new float[n];
        int i = 0;
        for (double edge : edges(f, true)) {
            float v = (float) edge;
            for (int k = 0; k < RUN / 2; k++) {
                v = Math.nextDown(v);
            }
            for (int k = 0; k < RUN; k++, v = Math.nextUp(v)) {
                x[i++] = v;
            }
        }
        double[] core = core(f);
        for (; i < n / 2; i++) {
            x[i] = (float) rng.nextDouble(core[0], core[1]);
        }
        double[] domain = domain(f, true);
        while (i < n) {
            float v = Float.intBitsToFloat(rng.nextInt());
            if (v >= domain[0] && v <= domain[1]) {
                x[i++] = v;
            }
        }
        return x;
    }

    static double[] doubles(Transcendental f, int n, SplittableRandom rng) {
        double[] x = new double[n];
        int i = 0;
        for (double v : edges(f, false)) {
            for (int k = 0; k < RUN / 2; k++) {
                v = Math.nextDown(v);
            }
            for (int k = 0; k < RUN; k++, v = Math.nextUp(v)) {
                x[i++] = v;
            }
        }
        double[] core = core(f);
        for (; i < n / 2; i++) {
            x[i] = rng.nextDouble(core[0], core[1]);
        }
        double[] domain = domain(f, false);
        int maxExponent = Math.getExponent(Math.max(-domain[0], domain[1])) + Double.MAX_EXPONENT;
        while (i < n) {
            long bits = (long) rng.nextInt(maxExponent + 1) << 52 | rng.nextLong() >>> 12;
            double v = Double.longBitsToDouble(bits | (rng.nextBoolean() ? Long.MIN_VALUE : 0));
            if (v >= domain[0] && v <= domain[1]) {
                x[i++] = v;
            }
        }
        return x;
    }

    private static double[] core(Transcendental f) {
        return switch (f) {
            case TANH -> new double[] {-5, 5};
            case SIGMOID, EXP -> new double[] {-10, 10};
            case LOG -> new double[] {0.25, 4};
        };
    }

    /** Where results are neither saturated nor out of range; the logarithm's is every positive number. */
    private static double[] domain(Transcendental f, boolean float32) {
        return switch (f) {
            case TANH -> float32 ? new double[] {-10, 10} : new double[] {-20, 20};
            case SIGMOID -> float32 ? new double[] {-104, 18} : new double[] {-746, 38};
            case EXP -> float32 ? new double[] {-104, 89} : new double[] {-746, 710};
            case LOG -> new double[] {Double.MIN_VALUE, float32 ? Float.MAX_VALUE : Double.MAX_VALUE};
        };
    }

    private static double[] edges(Transcendental f, boolean float32) {
        return switch (f) {
            case TANH -> float32 ? new double[] {0, 0.55, -0.55, 9.01, -9.01} : new double[] {0, 0.55, -0.55, 19.06,
                -19.06};
            case SIGMOID -> float32 ? new double[] {0, 16.6, -87.3, -88.7, -103.97} : new double[] {0, 36.7, -708.4,
                -709.8, -745.1};
            case EXP -> float32 ? new double[] {0, 88.72, -87.3, -103.97} : new double[] {0, 709.78, -708.4, -745.1};
            case LOG -> float32 ? new double[] {1, Float.MIN_NORMAL, Float.MIN_VALUE * 1024} : new double[] {1,
                Double.MIN_NORMAL, Double.MIN_VALUE * 1024};
        };
    }
}
