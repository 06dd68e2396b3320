package dev.unroll.bench;

import dev.unroll.kernels.ArrayMath;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Nanoseconds per element of the kernels' {@code tanh}, logistic function, {@code exp} and {@code log}, single-threaded:
 * {@code portable}, the vector path's ({@link ArrayMath}, whose results depend only on the argument), against
 * {@code svml}, the former vector path (the vector API's lane-wise functions, see {@link BaselineMath}), and
 * {@code plain}, {@link Math} in double. Each invocation covers {@value #ELEMENTS} elements in blocks of
 * {@code block}, the sizes generated kernels pass (one call per block, as for each time step's gates). Inputs are
 * where training puts them: pre-activations in [−8, 8], shifted logits in [−20, 0], sums in (0, 30]. Eight warm-up
 * iterations: the portable loops take a few seconds of calls before C2 has compiled them (docs/PERFORMANCE.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
public class TranscendentalBenchmark {

    static final int ELEMENTS = 4096;

    @Param({"tanh", "sigmoid", "exp", "log"})
    public String function;

    @Param({"float32", "float64"})
    public String dtype;

    @Param({"256", "4096"})
    public int block;

    @Param({"portable", "svml", "plain"})
    public String kernel;

    private Floats floats;
    private Doubles doubles;
    private double[] xd;
    private double[] yd;
    private float[] xf;
    private float[] yf;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(3);
        double lo = switch (function) {
            case "exp" -> -20;
            case "log" -> 0x1p-20;
            default -> -8;
        };
        double hi = switch (function) {
            case "exp" -> 0;
            case "log" -> 30;
            default -> 8;
        };
        xd = rng.doubles(ELEMENTS, lo, hi).toArray();
        yd = new double[ELEMENTS];
        xf = new float[ELEMENTS];
        yf = new float[ELEMENTS];
        for (int i = 0; i < ELEMENTS; i++) {
            xf[i] = (float) xd[i];
        }
        Kernel k = kernel(kernel, function);
        if ("float32".equals(dtype)) {
            floats = k.floats();
        } else {
            doubles = k.doubles();
        }
    }

    /** {@value #ELEMENTS} elements, a block at a time. */
    @Benchmark
    @OperationsPerInvocation(ELEMENTS)
    public Object elements() {
        if (floats != null) {
            for (int off = 0; off < ELEMENTS; off += block) {
                floats.apply(xf, off, yf, off, block);
            }
            return yf;
        }
        for (int off = 0; off < ELEMENTS; off += block) {
            doubles.apply(xd, off, yd, off, block);
        }
        return yd;
    }

    /** A float32 block function. */
    interface Floats {
        void apply(float[] src, int sOff, float[] dst, int dOff, int n);
    }

    /** A float64 block function. */
    interface Doubles {
        void apply(double[] src, int sOff, double[] dst, int dOff, int n);
    }

    /** One function in both dtypes. */
    private record Kernel(Floats floats, Doubles doubles) {
    }

    private static Kernel kernel(String kernel, String function) {
        return switch (kernel + " " + function) {
            case "portable tanh" -> new Kernel(ArrayMath::tanh, ArrayMath::tanh);
            case "portable sigmoid" -> new Kernel(ArrayMath::sigmoid, ArrayMath::sigmoid);
            case "portable exp" -> new Kernel(ArrayMath::exp, ArrayMath::exp);
            case "portable log" -> new Kernel(ArrayMath::log, ArrayMath::log);
            case "svml tanh" -> new Kernel(BaselineMath::svmlTanh, BaselineMath::svmlTanh);
            case "svml sigmoid" -> new Kernel(BaselineMath::svmlSigmoid, BaselineMath::svmlSigmoid);
            case "svml exp" -> new Kernel(BaselineMath::svmlExp, BaselineMath::svmlExp);
            case "svml log" -> new Kernel(BaselineMath::svmlLog, BaselineMath::svmlLog);
            case "plain tanh" -> new Kernel(BaselineMath::plainTanh, BaselineMath::plainTanh);
            case "plain sigmoid" -> new Kernel(BaselineMath::plainSigmoid, BaselineMath::plainSigmoid);
            case "plain exp" -> new Kernel(BaselineMath::plainExp, BaselineMath::plainExp);
            case "plain log" -> new Kernel(BaselineMath::plainLog, BaselineMath::plainLog);
            default -> throw new IllegalArgumentException("kernel " + kernel + ", function " + function);
        };
    }
}
