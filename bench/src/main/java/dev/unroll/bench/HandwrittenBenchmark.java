package dev.unroll.bench;

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
 * The honest baseline: one training step of the same language model with the hand-written float32 LSTM of
 * {@link HandwrittenLstm} (plain loops, no library, no code generation).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xss8m", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HandwrittenBenchmark {

    @Param({"256"})
    public int hidden;

    @Param({"32"})
    public int batch;

    private HandwrittenLstm lstm;
    private int[] x;
    private int[] y;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(2);
        x = new int[Workload.STEPS * batch];
        y = new int[Workload.STEPS * batch];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextInt(Workload.VOCAB);
            y[i] = rng.nextInt(Workload.VOCAB);
        }
        lstm = new HandwrittenLstm(Workload.VOCAB, hidden, Workload.STEPS, batch, 3);
    }

    /** One training step of the hand-written LSTM. */
    @Benchmark
    public float handwritten() {
        return lstm.trainStep(x, y, 0.1f, 1f);
    }
}
