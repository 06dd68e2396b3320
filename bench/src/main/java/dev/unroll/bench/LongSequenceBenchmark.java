package dev.unroll.bench;

import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.compiler.model.SegmentedExecutor;
import dev.unroll.kernels.Dtype;
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
 * One forward and backward pass over a long sequence (the language model of {@link Workload}, {@code steps} steps),
 * keeping every step's tape ({@code segment = 0}) or recomputing segments of {@code segment} steps with {@link
 * SegmentedExecutor}: the time side of rematerialization's trade-off. {@link MemoryTable} measures the memory side.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xss8m", "-Xmx8g", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2, time = 4)
@Measurement(iterations = 5, time = 4)
public class LongSequenceBenchmark {

    @Param({"1000"})
    public int steps;

    @Param({"0", "100", "35"})
    public int segment;

    @Param({"256"})
    public int hidden;

    @Param({"32"})
    public int batch;

    @Param({"float32"})
    public String dtype;

    private Run run;

    @Setup(Level.Trial)
    public void setUp() {
        run = Run.of("lstm", hidden, batch, Dtype.valueOf(dtype.toUpperCase(java.util.Locale.ROOT)), steps, segment);
    }

    @Benchmark
    public double step() {
        return run.step();
    }

    /** A compiled model, its parameters and a long sequence, run with the full tape or in segments. */
    record Run(ProgramExecutor full, SegmentedExecutor segmented, double[][] x, double[][] y, double[] carry) {

        static Run of(String cell, int hidden, int batch, Dtype dtype, int steps, int segment) {
            Program program = Workload.program(cell, hidden);
            int capacity = segment == 0 ? steps : segment;
            Options options = (dtype == Dtype.FLOAT32 ? Options.float32() : Options.float64()).maxSteps(capacity)
                    .maxBatch(batch);
            ProgramExecutor executor = CompiledProgram.compile(program, options).newExecutor();
            executor.setParameters(ParamStore.initialize(program, 1));
            SegmentedExecutor segmented = segment == 0 ? null : new SegmentedExecutor(executor, segment);
            SplittableRandom rng = new SplittableRandom(2);
            return new Run(segment == 0 ? executor : null, segmented, Workload.tokens(steps, batch, rng),
                    Workload.tokens(steps, batch, rng), Truncation.full().carry(steps, 0));
        }

        /** A forward and a backward pass; the loss. */
        double step() {
            if (segmented == null) {
                double loss = full.forward(x, y, Map.of(), x[0].length);
                full.backward(carry);
                return loss;
            }
            double loss = segmented.forward(x, y, Map.of(), x[0].length);
            segmented.backward(carry);
            return loss;
        }
    }
}
