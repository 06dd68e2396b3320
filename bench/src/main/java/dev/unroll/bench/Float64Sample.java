package dev.unroll.bench;

import dev.unroll.reference.Transcendental;
import java.util.SplittableRandom;

/**
 * The float64 points a function is measured on: uniform over a core range and over the whole domain, random bit
 * patterns of every exponent in the domain (tiny and subnormal arguments included), and runs of consecutive doubles
 * and close random points around anchors (0, the points where results saturate, overflow or turn subnormal, and
 * where implementations commonly switch methods).
 */
final class Float64Sample {

    private Float64Sample() {
    }

    /** {@code n} points, a multiple of 64, for {@code f}. */
    static double[] draw(Transcendental f, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] core = core(f);
        double[] whole = whole(f);
        double[] anchors = anchors(f);
        int perAnchor = n / 5 / anchors.length & ~1;
        int i = 0;
        for (double anchor : anchors) {
            i = around(anchor, perAnchor, rng, whole, x, i);
        }
        int uniformEnd = i + (n - i) * 3 / 8;
        for (; i < uniformEnd; i++) {
            double[] range = rng.nextBoolean() ? core : whole;
            x[i] = rng.nextDouble(range[0], range[1]);
        }
        for (; i < n; i++) {
            x[i] = pattern(rng, whole);
        }
        return x;
    }

    /** The ranges sampled, for the table. */
    static String describe(Transcendental f) {
        double[] whole = whole(f);
        double[] core = core(f);
        return f == Transcendental.LOG ? "all positive doubles, [" + fmt(core[0]) + ", " + fmt(core[1]) + "]"
                : "[" + fmt(whole[0]) + ", " + fmt(whole[1]) + "], [" + fmt(core[0]) + ", " + fmt(core[1]) + "]";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** A random sign, exponent and significand, redrawn until it lies in {@code [range[0], range[1]]}. */
    private static double pattern(SplittableRandom rng, double[] range) {
        int maxExponent = Math.getExponent(Math.max(Math.abs(range[0]), Math.abs(range[1]))) + Double.MAX_EXPONENT;
        while (true) {
            long sign = rng.nextBoolean() ? Long.MIN_VALUE : 0;
            long exponent = rng.nextInt(maxExponent + 1);
            double v = Double.longBitsToDouble(sign | exponent << 52 | rng.nextLong() >>> 12);
            if (v >= range[0] && v <= range[1]) {
                return v;
            }
        }
    }

    /**
     * Half consecutive doubles centred on {@code a}, half uniform within 2⁻¹² relative of it (2⁻⁴⁰ around 0; {@code a}
     * itself where that falls outside the range or below the subnormals' resolution).
     */
    private static int around(double a, int count, SplittableRandom rng, double[] range, double[] x, int i) {
        double v = a;
        for (int k = 0; k < count / 4; k++) {
            v = Math.nextDown(v);
        }
        for (int k = 0; k < count / 2; k++, v = Math.nextUp(v)) {
            x[i++] = v;
        }
        double radius = a == 0 ? 0x1p-40 : Math.abs(a) * 0x1p-12;
        for (int k = 0; k < count / 2; k++) {
            double near = radius > 0 ? a + rng.nextDouble(-radius, radius) : a;
            x[i++] = near >= range[0] && near <= range[1] ? near : a;
        }
        return i;
    }

    private static double[] core(Transcendental f) {
        return switch (f) {
            case TANH -> new double[] {-5, 5};
            case SIGMOID, EXP -> new double[] {-10, 10};
            case LOG -> new double[] {0.25, 4};
        };
    }

    /** The domain: beyond it results are ±1, 0, 1 or infinite; for the logarithm every positive double. */
    private static double[] whole(Transcendental f) {
        return switch (f) {
            case TANH -> new double[] {-20, 20};
            case SIGMOID -> new double[] {-746, 38};
            case EXP -> new double[] {-746, 710};
            case LOG -> new double[] {Double.MIN_VALUE, Double.MAX_VALUE};
        };
    }

    private static double[] anchors(Transcendental f) {
        return switch (f) {
            case TANH -> new double[] {0, 0x1p-26, -0x1p-26, 0x1p-13, -0x1p-13, 0.55, -0.55, 0.625, -0.625, 1, -1,
                19.061547465398498, -19.061547465398498, 22, -22};
            case SIGMOID -> new double[] {0, 0x1p-54, -0x1p-54, 1, -1, 20, -20, 36.7368005696771, -36.7368005696771,
                -709.782712893384, -708.3964185322641, -745.1332191019411};
            case EXP -> new double[] {0, 0x1p-54, -0x1p-54, 0.5, -0.5, 0.34657359027997264, -0.34657359027997264,
                20, -20, 709.782712893384, -708.3964185322641, -745.1332191019411, -744.4400719213812};
            case LOG -> new double[] {1, 0.5, 2, Math.sqrt(2), Math.sqrt(0.5), Math.E, Double.MIN_NORMAL,
                0x1p-1070, Double.MAX_VALUE};
        };
    }
}
