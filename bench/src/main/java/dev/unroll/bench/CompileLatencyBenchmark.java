package dev.unroll.bench;

import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.compiler.model.Encoding;
import dev.unroll.compiler.model.Head;
import dev.unroll.compiler.model.Layer;
import dev.unroll.compiler.model.Model;
import dev.unroll.compiler.model.Planner;
import dev.unroll.dsl.Cell;
import dev.unroll.runtime.Options;
import dev.unroll.runtime.SourceLoader;
import dev.unroll.runtime.Unroll;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Compile latency of the character-level LSTM language model (vocabulary 28, 256 hidden, float32): from the model
 * definition (DSL, planning, autodiff, simplification, JavaPoet emission) to a loaded kernel class.
 *
 * <ul>
 *   <li>{@code cold}: the first compile in a fresh JVM, javac included (single shot, one per fork).</li>
 *   <li>{@code warm}: later compiles of a new model in the same JVM (a fresh loader each time, so nothing is
 *       served from the cache).</li>
 *   <li>{@code cached}: compiling the same model again: regeneration and a hash lookup.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CompileLatencyBenchmark {

    private final SourceLoader shared = new SourceLoader();

    static Class<?> compile(SourceLoader loader) {
        Cell cell = Planner.plan(Model.of(Encoding.oneHot(28)).layer(Layer.lstm(256)).head(Head.everyStep(28)).build())
                .lossScan().cell();
        return Unroll.compile(Autodiff.adjoint(cell, List.of(LossCell.LOSS)),
                Options.float32().maxSteps(35).maxBatch(32), loader).kernel().getClass();
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Fork(value = 5, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public Class<?> cold() {
        return compile(new SourceLoader());
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
    @Warmup(iterations = 5, time = 2)
    @Measurement(iterations = 5, time = 2)
    public Class<?> warm() {
        return compile(new SourceLoader());
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public Class<?> cached() {
        return compile(shared);
    }
}
