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
import dev.unroll.runtime.Options;
import dev.unroll.runtime.model.CompiledProgram;
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
 * Forward and backward of the benchmark's language model ({@link Workload}: LSTM, vocabulary 28) over batches of
 * the same number of valid tokens, {@code B·35}: {@code unmasked} rows of 35 steps; {@code full}, the masked program
 * on the same rows (the cost of the mask alone); {@code ragged}, the masked program on rows of 52 and 18 steps in
 * turn, padded to 52 (the cost of padding). Valid tokens/s = {@code B·35} / (time per step).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xss8m", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MaskedBatchBenchmark {

    private static final int LONG = 52;
    private static final int SHORT = 2 * Workload.STEPS - LONG;

    @Param({"unmasked", "full", "ragged"})
    public String batches;

    @Param({"256"})
    public int hidden;

    @Param({"32"})
    public int batch;

    private ProgramExecutor executor;
    private double[][] x;
    private double[][] y;
    private int[] lengths;
    private double[] carry;

    @Setup(Level.Trial)
    public void setUp() {
        boolean masked = !"unmasked".equals(batches);
        int steps = "ragged".equals(batches) ? LONG : Workload.STEPS;
        Model.Builder model = Model.of(Encoding.oneHot(Workload.VOCAB)).layer(Layer.lstm(hidden))
                .head(Head.everyStep(Workload.VOCAB));
        Program program = Planner.plan((masked ? model.masked() : model).build());
        executor = CompiledProgram.compile(program, Options.float32().maxSteps(steps).maxBatch(batch)
                .passes(Passes.ALL)).newExecutor();
        executor.setParameters(ParamStore.initialize(program, 1));
        lengths = new int[batch];
        for (int r = 0; r < batch; r++) {
            lengths[r] = "ragged".equals(batches) ? (r % 2 == 0 ? LONG : SHORT) : steps;
        }
        SplittableRandom rng = new SplittableRandom(2);
        x = new double[steps][batch];
        y = new double[steps][batch];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                x[t][b] = rng.nextInt(Workload.VOCAB);
                y[t][b] = rng.nextInt(Workload.VOCAB);
            }
        }
        carry = Truncation.full().carry(steps, 0);
    }

    /** One forward and backward pass through the generated code. */
    @Benchmark
    public double step() {
        double loss = executor.forward(x, y, Map.of(), batch, masked() ? lengths : null);
        executor.backward(carry);
        return loss;
    }

    private boolean masked() {
        return !"unmasked".equals(batches);
    }
}
