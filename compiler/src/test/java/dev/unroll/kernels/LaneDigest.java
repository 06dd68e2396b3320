package dev.unroll.kernels;

import dev.unroll.reference.Transcendental;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints one line per function and dtype: a digest of {@link ArrayMath}'s results on {@link Portable}'s inputs, for
 * {@link PortableLanesAcrossJvmsTest} to compare between JVMs run with different flags. With the argument
 * {@code warm} it first runs every kernel until the JIT has compiled it.
 */
public final class LaneDigest {

    static final int POINTS = 1024;
    private static final long SEED = 77;

    private LaneDigest() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("warm")) {
            warmUp();
        }
        System.out.println(Acceleration.describe());
        lines().forEach(System.out::println);
    }

    /** {@code "tanh float64 <digest>"} and so on: the results' bits, every NaN as one, folded into 64 bits. */
    static List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (Transcendental f : Transcendental.values()) {
            double[] y = new double[POINTS];
            f.kernel(Portable.doubles(POINTS, SEED), y, POINTS);
            long digest = 0;
            for (double v : y) {
                digest = digest * 0x9E3779B97F4A7C15L + Portable.bits(v);
            }
            float[] yf = new float[POINTS];
            f.kernel(Portable.floats(POINTS, SEED), yf, POINTS);
            long floatDigest = 0;
            for (float v : yf) {
                floatDigest = floatDigest * 0x9E3779B97F4A7C15L + Portable.bits(v);
            }
            lines.add(String.format(Locale.ROOT, "%s float64 %016x", f.label(), digest));
            lines.add(String.format(Locale.ROOT, "%s float32 %016x", f.label(), floatDigest));
        }
        return lines;
    }

    /** Enough calls for the JIT to compile every kernel with C2. */
    static void warmUp() {
        double[] x = Portable.doubles(POINTS, SEED + 1);
        float[] xf = Portable.floats(POINTS, SEED + 1);
        double[] y = new double[POINTS];
        float[] yf = new float[POINTS];
        for (int rep = 0; rep < 1500; rep++) {
            for (Transcendental f : Transcendental.values()) {
                f.kernel(x, y, POINTS);
                f.kernel(xf, yf, POINTS);
            }
        }
    }
}
