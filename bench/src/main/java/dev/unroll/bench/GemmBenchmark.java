package dev.unroll.bench;

import dev.unroll.kernels.Blas;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The matrix products of {@link Blas} alone, single-threaded, on the shapes a training step of the H = 256 LSTM runs
 * ({@code shape} = m×k×n): a step's gate product {@code 32×256×256}, the hoisted input projection
 * {@code 1120×28×256}, the deferred weight gradient {@code 256×1120×256} (as {@code tn}) and a large square
 * {@code 512×512×512}, the ceiling. Without {@code --add-modules jdk.incubator.vector} in the fork (JMH option
 * {@code -jvmArgsAppend -Xss8m}) it measures the plain-Java fallback.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xss8m", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GemmBenchmark {

    @Param({"32x256x256", "1120x28x256", "256x1120x256", "512x512x512"})
    public String shape;

    @Param({"nn", "nt", "tn"})
    public String layout;

    @Param({"float32", "float64"})
    public String dtype;

    private int m;
    private int k;
    private int n;
    private float[] af;
    private float[] bf;
    private float[] cf;
    private double[] ad;
    private double[] bd;
    private double[] cd;

    @Setup(Level.Trial)
    public void setUp() {
        String[] dims = shape.split("x");
        m = Integer.parseInt(dims[0]);
        k = Integer.parseInt(dims[1]);
        n = Integer.parseInt(dims[2]);
        SplittableRandom rng = new SplittableRandom(1);
        ad = rng.doubles(m * k, -1, 1).toArray();
        bd = rng.doubles(k * n, -1, 1).toArray();
        cd = new double[m * n];
        af = new float[ad.length];
        bf = new float[bd.length];
        cf = new float[cd.length];
        for (int i = 0; i < ad.length; i++) {
            af[i] = (float) ad[i];
        }
        for (int i = 0; i < bd.length; i++) {
            bf[i] = (float) bd[i];
        }
    }

    /** One product; GFLOP/s = 2·m·k·n / time. */
    @Benchmark
    public Object product() {
        boolean single = "float32".equals(dtype);
        switch (layout) {
            case "nn" -> {
                if (single) {
                    Blas.gemmNN(af, 0, bf, 0, cf, 0, m, k, n);
                } else {
                    Blas.gemmNN(ad, 0, bd, 0, cd, 0, m, k, n);
                }
            }
            case "nt" -> {
                if (single) {
                    Blas.gemmNT(af, 0, bf, 0, cf, 0, m, k, n);
                } else {
                    Blas.gemmNT(ad, 0, bd, 0, cd, 0, m, k, n);
                }
            }
            default -> {
                if (single) {
                    Blas.gemmTN(af, 0, bf, 0, cf, 0, m, k, n);
                } else {
                    Blas.gemmTN(ad, 0, bd, 0, cd, 0, m, k, n);
                }
            }
        }
        return single ? cf : cd;
    }
}
