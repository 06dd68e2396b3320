package dev.unroll.bench;

import dev.unroll.compiler.model.Program;
import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.text.Minibatches;
import dev.unroll.runtime.train.Trainer;
import dev.unroll.runtime.train.TrainingState;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An epoch of {@value #BATCHES} minibatches through the {@link Trainer}, as {@code unroll train} runs it (minibatch
 * cutting, the batch split over {@code threads} workers, clipping, SGD), on random tokens: tokens/s =
 * {@value #BATCHES}·B·T / (time per epoch).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xss8m", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TrainerBenchmark {

    static final int BATCHES = 20;

    @Param({"lstm"})
    public String cell;

    @Param({"256"})
    public int hidden;

    @Param({"32"})
    public int batch;

    @Param({"float32"})
    public String dtype;

    @Param({"1", "2"})
    public int threads;

    private Trainer trainer;
    private TrainingState state;
    private Minibatches data;

    @Setup(Level.Trial)
    public void setUp() {
        Program program = Workload.program(cell, hidden);
        trainer = Workload.trainer(program, "float64".equals(dtype) ? Dtype.FLOAT64 : Dtype.FLOAT32, batch, threads);
        state = trainer.initialState();
        data = Workload.randomMinibatches(batch, BATCHES);
        for (int e = 0; e < 50; e++) {
            if (data.epoch(e).size() != BATCHES) {
                throw new IllegalStateException("epoch " + e + " has " + data.epoch(e).size() + " minibatches, not "
                        + BATCHES + "; tokens/s would be off");
            }
        }
    }

    /** One epoch of training. */
    @Benchmark
    public double epoch() {
        return trainer.epoch(state, data, null, (done, total) -> { }).train();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        trainer.close();
    }
}
