package dev.unroll.bench;

import dev.unroll.compiler.bptt.GradClip;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.optim.SGD;
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
 * One training step of a character-level language model (vocabulary 28 one-hot, T = 35) on generated code:
 * forward, full BPTT, clipping by global norm and an SGD update, as the trainer runs it (and, like it, without
 * allocating); tokens/s = B·T / (time per step). {@code passes} measures the emitter's passes by turning them off.
 * The hand-written LSTM baseline is {@link HandwrittenBenchmark}; {@link PerformanceTable} runs the grid of both.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xss8m", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TrainStepBenchmark {

    @Param({"lstm"})
    public String cell;

    @Param({"256"})
    public int hidden;

    @Param({"32"})
    public int batch;

    @Param({"float32"})
    public String dtype;

    @Param({"all"})
    public String passes;

    private ProgramExecutor executor;
    private ParamStore params;
    private ParamStore grads;
    private double[][] x;
    private double[][] y;
    private double[] carry;
    private final SGD sgd = new SGD(0.1);

    @Setup(Level.Trial)
    public void setUp() {
        Program program = Workload.program(cell, hidden);
        Dtype d = "float64".equals(dtype) ? Dtype.FLOAT64 : Dtype.FLOAT32;
        executor = Workload.executor(program, d, batch, Workload.passes(passes));
        params = ParamStore.initialize(program, 1);
        grads = params.zerosLike();
        SplittableRandom rng = new SplittableRandom(2);
        x = new double[Workload.STEPS][batch];
        y = new double[Workload.STEPS][batch];
        for (int t = 0; t < Workload.STEPS; t++) {
            for (int b = 0; b < batch; b++) {
                x[t][b] = rng.nextInt(Workload.VOCAB);
                y[t][b] = rng.nextInt(Workload.VOCAB);
            }
        }
        carry = Truncation.full().carry(Workload.STEPS, 0);
    }

    /** One training step through the generated code. */
    @Benchmark
    public double generated() {
        executor.setParameters(params);
        double loss = executor.forward(x, y, Map.of(), batch);
        executor.backward(carry);
        executor.gradientsInto(grads, 1.0, false);
        GradClip.clipInPlace(grads.names(), grads.arrays(), 1.0);
        sgd.step(params, grads);
        return loss;
    }
}
