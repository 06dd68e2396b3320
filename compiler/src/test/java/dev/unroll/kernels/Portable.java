package dev.unroll.kernels;

import dev.unroll.reference.Transcendental;
import java.util.SplittableRandom;

/**
 * The scalar functions the vector kernels replicate, by {@link Transcendental} (what each lane must equal bit for
 * bit), and inputs to compare them on: special values, runs of consecutive values around the points where the
 * algorithms switch branches, clamp, saturate, overflow or turn subnormal, uniform values, and arbitrary bit patterns
 * (NaNs with any payload and subnormals included).
 */
final class Portable {

    /** Points where an algorithm changes: branch thresholds, clamps, overflow, subnormal results, 0 and 1. */
    private static final double[] EDGES = {0, 1, 0.55, -0.55, 10, 20, -20, 88.72283, 89, -87.33655, -103.97208, -104,
        709.782712893384, 710, -708.3964185322641, -745.1332191019411, -746, Double.MIN_NORMAL, Float.MIN_NORMAL};
    private static final int RUN = 16;

    private Portable() {
    }

    static double of(Transcendental f, double x) {
        return switch (f) {
            case TANH -> PortableMath.tanh(x);
            case SIGMOID -> PortableMath.sigmoid(x);
            case EXP -> PortableMath.exp(x);
            case LOG -> PortableMath.log(x);
        };
    }

    static float of(Transcendental f, float x) {
        return switch (f) {
            case TANH -> PortableFloatMath.tanh(x);
            case SIGMOID -> PortableFloatMath.sigmoid(x);
            case EXP -> PortableFloatMath.exp(x);
            case LOG -> PortableFloatMath.log(x);
        };
    }

    /** {@code n} doubles, {@code n ≥ 1024}; a quarter uniform, a half arbitrary bit patterns. */
    static double[] doubles(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n];
        int i = 0;
        for (double v : AccuracySample.SPECIAL) {
            x[i++] = v;
        }
        for (double edge : EDGES) {
            double v = edge;
            for (int k = 0; k < RUN / 2; k++) {
                v = Math.nextDown(v);
            }
            for (int k = 0; k < RUN; k++, v = Math.nextUp(v)) {
                x[i++] = v;
            }
        }
        for (; i < n / 2; i++) {
            x[i] = rng.nextBoolean() ? rng.nextDouble(-30, 30) : rng.nextDouble(-800, 800);
        }
        for (; i < n; i++) {
            x[i] = Double.longBitsToDouble(rng.nextLong());
        }
        return x;
    }

    /** As {@link #doubles}, in float32. */
    static float[] floats(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n];
        int i = 0;
        for (double v : AccuracySample.SPECIAL) {
            x[i++] = (float) v;
        }
        for (double edge : EDGES) {
            float v = (float) edge;
            for (int k = 0; k < RUN / 2; k++) {
                v = Math.nextDown(v);
            }
            for (int k = 0; k < RUN; k++, v = Math.nextUp(v)) {
                x[i++] = v;
            }
        }
        for (; i < n / 2; i++) {
            x[i] = (float) (rng.nextBoolean() ? rng.nextDouble(-30, 30) : rng.nextDouble(-120, 120));
        }
        for (; i < n; i++) {
            x[i] = Float.intBitsToFloat(rng.nextInt());
        }
        return x;
    }

    /** The bits of {@code x}, every NaN as the same one: the payload of a NaN is not specified. */
    static long bits(double x) {
        return Double.doubleToLongBits(x);
    }

    static int bits(float x) {
        return Float.floatToIntBits(x);
    }
}
