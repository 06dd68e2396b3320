package dev.unroll.bench;

import dev.unroll.reference.ReferenceValue;
import dev.unroll.reference.Transcendental;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The kernels at NaN, the infinities, signed zeros, subnormals, the extremes and the thresholds where results
 * overflow, underflow or saturate, compared with the plain path ({@link Math} in double, rounded for float32).
 * Each value fills a whole block, so the kernel computes it in vector lanes, not in its scalar tail.
 */
final class SpecialValues {

    private static final int BLOCK = 64;

    private static final double[] COMMON = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
        Double.MIN_VALUE, -Double.MIN_VALUE, 1e-310, -1e-310, Double.MIN_NORMAL, -Double.MIN_NORMAL, 1, -1,
        Double.MAX_VALUE, -Double.MAX_VALUE};

    private static final float[] COMMON_FLOAT = {Float.MIN_VALUE, -Float.MIN_VALUE, 1e-40f, -1e-40f,
        Float.MIN_NORMAL, -Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE};

    private SpecialValues() {
    }

    /** The inputs where kernel and plain path differ at all, one line each, after a count of those that agree. */
    static List<String> float64(Transcendental f) {
        List<String> lines = new ArrayList<>();
        double[] in = join(COMMON, thresholds(f));
        int same = 0;
        for (double x : in) {
            double[] block = new double[BLOCK];
            Arrays.fill(block, x);
            f.kernel(block, block, BLOCK);
            double plain = f.plain(x);
            if (Double.compare(block[0], plain) == 0) {
                same++;
            } else {
                lines.add(line(f, "float64", x, block[0], plain, f.reference(x).ulps(block[0]),
                        f.reference(x).ulps(plain)));
            }
        }
        lines.add(0, String.format(Locale.ROOT, "%s float64: %d of %d special inputs give exactly Math's result",
                f.label(), same, in.length));
        return lines;
    }

    /** As {@link #float64}, for the float32 kernel against {@code (float) Math.f((double) x)}. */
    static List<String> float32(Transcendental f) {
        List<String> lines = new ArrayList<>();
        List<Float> in = new ArrayList<>();
        for (double x : COMMON) {
            in.add((float) x);
        }
        for (float x : COMMON_FLOAT) {
            in.add(x);
        }
        for (float x : floatThresholds(f)) {
            in.add(x);
        }
        int same = 0;
        for (float x : in) {
            float[] block = new float[BLOCK];
            Arrays.fill(block, x);
            f.kernel(block, block, BLOCK);
            float plain = (float) f.plain(x);
            if (Float.compare(block[0], plain) == 0) {
                same++;
            } else {
                ReferenceValue reference = ReferenceValue.of(f.strict(x));
                lines.add(line(f, "float32", x, block[0], plain, reference.ulps(block[0]), reference.ulps(plain)));
            }
        }
        lines.add(0, String.format(Locale.ROOT, "%s float32: %d of %d special inputs give exactly Math's result",
                f.label(), same, in.size()));
        return lines;
    }

    private static String line(Transcendental f, String dtype, double x, double kernel, double plain,
                               double kernelUlps, double plainUlps) {
        return String.format(Locale.ROOT, "  %s %s(%s) = %s on the vector path, %s through Math (%s / %s ulp)",
                dtype, f.label(), x, kernel, plain, kernelUlps, plainUlps);
    }

    /** Inputs at the edges: the last finite and first infinite exponential, the last normal and last nonzero. */
    private static double[] thresholds(Transcendental f) {
        return switch (f) {
            case TANH -> new double[] {19.061547465398498, -19.061547465398498, 22, -22};
            case SIGMOID -> new double[] {36.7368005696771, -709.782712893384, -709.7827128933841, -745.1332191019411,
                -745.1332191019412, -746};
            case EXP -> new double[] {709.782712893384, 709.7827128933841, -708.3964185322641, -745.1332191019411,
                -745.1332191019412};
            case LOG -> new double[] {Math.nextUp(1.0), Math.nextDown(1.0), 0x1p-1070};
        };
    }

    private static float[] floatThresholds(Transcendental f) {
        return switch (f) {
            case TANH -> new float[] {9.010913f, -9.010913f, 10f, -10f};
            case SIGMOID -> new float[] {16.635532f, -88.72283f, -88.72284f, -103.97208f, -103.97209f, -104f};
            case EXP -> new float[] {88.72283f, 88.72284f, -87.33655f, -103.97208f, -103.97209f};
            case LOG -> new float[] {Math.nextUp(1f), Math.nextDown(1f), 0x1p-140f};
        };
    }

    private static double[] join(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
