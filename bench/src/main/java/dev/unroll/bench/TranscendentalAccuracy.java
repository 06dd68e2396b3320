package dev.unroll.bench;

import dev.unroll.kernels.Acceleration;
import dev.unroll.reference.ReferenceValue;
import dev.unroll.reference.Transcendental;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * Measures the error, in ulps, of the kernels' {@code tanh}, logistic function, {@code exp} and {@code log} (see
 * {@code docs/NUMERICS.md}) and prints Markdown tables: float32 over every float (within each function's domain and
 * in its tails), against the function in double through {@link StrictMath}; float64 over a large random and
 * structured sample, against {@code ReferenceMath} (about 100 bits); both beside the plain path, and the distance
 * between the two paths in ulps of the plain result (the "vector vs plain" rows); then the special values.
 * {@code quick} takes every 97th float and 2¹⁸ doubles per function instead of every float and 2²².
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.unroll.bench.TranscendentalAccuracy
 * </pre>
 */
public final class TranscendentalAccuracy {

    private static final int BLOCK = 4096;
    private static final long SEED = 20_240_808L;

    /** The path the kernels run on, for the table; without the vector module they are the plain path themselves. */
    private static final String KERNEL = Acceleration.vectorized() ? "vector" : "kernel (plain)";

    private TranscendentalAccuracy() {
    }

    public static void main(String[] args) {
        boolean quick = List.of(args).contains("quick");
        System.out.printf(Locale.ROOT, "Java %s (%s), %s, %d processors; JVM flags %s%nKernels: %s%n%n",
                System.getProperty("java.version"), System.getProperty("java.vm.version"),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getRuntimeMXBean().getInputArguments(), Acceleration.describe());
        warmUp();
        float32(quick ? 97 : 1);
        float64(quick ? 1 << 18 : 1 << 22);
        for (Transcendental f : Transcendental.values()) {
            SpecialValues.float32(f).forEach(System.out::println);
            SpecialValues.float64(f).forEach(System.out::println);
        }
    }

    /**
     * Runs every kernel until the JIT has compiled it. The results do not depend on it (the vector functions are made
     * of IEEE operations, which give the same bits in every tier); the measurement only runs faster.
     */
    private static void warmUp() {
        float[] xf = new float[BLOCK];
        double[] xd = new double[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            xf[i] = (i + 1) / 512f;
            xd[i] = (i + 1) / 512.0;
        }
        for (Transcendental f : Transcendental.values()) {
            for (int rep = 0; rep < 4000; rep++) {
                f.kernel(xf, new float[BLOCK], BLOCK);
                f.kernel(xd, new double[BLOCK], BLOCK);
            }
        }
    }

    private static void float32(int stride) {
        System.out.printf(Locale.ROOT, "### float32: %s, against StrictMath in double%n%n%s%n",
                stride == 1 ? "every float" : "every " + stride + "th float", header());
        for (Transcendental f : Transcendental.values()) {
            long start = System.nanoTime();
            Float32Sweep sweep = Float32Sweep.run(f, stride);
            String domain = f == Transcendental.LOG ? "(0, max]" : "[" + f.lo() + ", " + f.hi() + "]";
            row(f, "float32", KERNEL, domain, sweep.kernel);
            row(f, "float32", "plain", domain, sweep.plain);
            row(f, "float32", KERNEL, "the rest", sweep.kernelTails);
            row(f, "float32", "plain", "the rest", sweep.plainTails);
            row(f, "float32", KERNEL + " vs plain", "every float", sweep.difference);
            System.err.printf(Locale.ROOT, "  (%s float32: %.2f s)%n", f.label(), (System.nanoTime() - start) / 1e9);
        }
    }

    private static void float64(int points) {
        System.out.printf(Locale.ROOT, "%n### float64: %,d points per function, against ReferenceMath%n%n%s%n", points,
                header());
        for (Transcendental f : Transcendental.values()) {
            double[] x = Float64Sample.draw(f, points, SEED + f.ordinal());
            UlpStats kernel = new UlpStats();
            UlpStats plain = new UlpStats();
            UlpStats difference = new UlpStats();
            double[] in = new double[BLOCK];
            double[] out = new double[BLOCK];
            for (int start = 0; start < points; start += BLOCK) {
                System.arraycopy(x, start, in, 0, BLOCK);
                f.kernel(in, out, BLOCK);
                for (int i = 0; i < BLOCK; i++) {
                    ReferenceValue reference = f.reference(in[i]);
                    kernel.add(in[i], reference.ulps(out[i]));
                    double plainValue = f.plain(in[i]);
                    plain.add(in[i], reference.ulps(plainValue));
                    difference.add(in[i], ReferenceValue.of(plainValue).ulps(out[i]));
                }
            }
            row(f, "float64", KERNEL, Float64Sample.describe(f), kernel);
            row(f, "float64", "plain", Float64Sample.describe(f), plain);
            row(f, "float64", KERNEL + " vs plain", Float64Sample.describe(f), difference);
        }
        System.out.println();
    }

    private static String header() {
        return "| function | dtype | path | domain | points | max ulp | at x | mean ulp | share > 1 ulp | non-finite"
                + " mismatches |\n|---|---|---|---|---:|---:|---:|---:|---:|---|";
    }

    private static void row(Transcendental f, String dtype, String path, String domain, UlpStats stats) {
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", f.label(), dtype, path, domain, stats.cells());
    }
}
