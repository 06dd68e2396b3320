package dev.unroll.bench;

import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.emit.Passes;
import dev.unroll.compiler.model.Encoding;
import dev.unroll.compiler.model.Head;
import dev.unroll.compiler.model.Layer;
import dev.unroll.compiler.model.Model;
import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.compiler.model.Regularization;
import dev.unroll.kernels.Dtype;
import java.util.Map;
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
 * Forward and backward of a two-layer LSTM language model ({@link Workload}'s vocabulary and T = 35, float32, all
 * passes) in training mode with one regularization option at a time: {@code none}, {@code dropout 0.5} (on each
 * layer's output), {@code variational 0.5} (locked masks on each layer's output and recurrent state) or
 * {@code zoneout 0.1} (every state). Each call draws new masks (a new key), as the trainer does per minibatch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xss8m", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RegularizationBenchmark {

    @Param({"none", "dropout", "variational", "zoneout"})
    public String option;

    @Param({"128"})
    public int hidden;

    @Param({"32"})
    public int batch;

    private ProgramExecutor executor;
    private double[][] x;
    private double[][] y;
    private double[] carry;
    private long key;

    @Setup(Level.Trial)
    public void setUp() {
        Regularization r = switch (option) {
            case "none" -> Regularization.NONE;
            case "dropout" -> Regularization.NONE.withDropout(0.5);
            case "variational" -> Regularization.NONE.withVariational(0.5);
            case "zoneout" -> Regularization.NONE.withZoneout(0.1);
            default -> throw new IllegalArgumentException("option must be none, dropout, variational or zoneout,"
                    + " got " + option);
        };
        Program program = Planner.plan(Model.of(Encoding.oneHot(Workload.VOCAB)).layers(2, Layer.lstm(hidden))
                .head(Head.everyStep(Workload.VOCAB)).regularization(r).build());
        executor = Workload.executor(program, Dtype.FLOAT32, batch, Passes.ALL);
        executor.setParameters(ParamStore.initialize(program, 1));
        SplittableRandom rng = new SplittableRandom(2);
        x = Workload.tokens(Workload.STEPS, batch, rng);
        y = Workload.tokens(Workload.STEPS, batch, rng);
        carry = Truncation.full().carry(Workload.STEPS, 0);
    }

    /** One forward and backward pass in training mode, with the masks of a new key. */
    @Benchmark
    public double step() {
        executor.setNoise(key++, 0, true);
        double loss = executor.forward(x, y, Map.of(), batch);
        executor.backward(carry);
        return loss;
    }
}
