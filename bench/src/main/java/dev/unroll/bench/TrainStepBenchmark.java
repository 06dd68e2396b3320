package dev.unroll.bench;

import dev.unroll.compiler.bptt.GradClip;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.kernel.Dtype;
import dev.unroll.compiler.model.Encoding;
import dev.unroll.compiler.model.Head;
import dev.unroll.compiler.model.Layer;
import dev.unroll.compiler.model.Model;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramRunner;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.cells.Cells;
import dev.unroll.runtime.Options;
import dev.unroll.runtime.model.CompiledProgram;
import dev.unroll.runtime.model.ProgramExecutor;
import dev.unroll.runtime.optim.SGD;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
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
 * One training step of a character-level language model (vocabulary 28 one-hot, T = 35): forward, full BPTT,
 * clipping by global norm and an SGD update, on generated code; tokens/s = B·T / (time per step). The hand-written
 * LSTM of {@link HandwrittenLstm} runs the same step as the honest baseline.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xss8m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TrainStepBenchmark {

    static final int VOCAB = 28;
    static final int STEPS = 35;

    @Param({"lstm"})
    public String cell;

    @Param({"256"})
    public int hidden;

    @Param({"32"})
    public int batch;

    @Param({"float32"})
    public String dtype;

    private ProgramExecutor executor;
    private Map<String, double[]> params;
    private List<String> names;
    private double[][] x;
    private double[][] y;
    private double[] carry;
    private final SGD sgd = new SGD(0.1);
    private HandwrittenLstm handwritten;
    private int[] xi;
    private int[] yi;

    @Setup(Level.Trial)
    public void setUp() {
        Program program = Planner.plan(Model.of(Encoding.oneHot(VOCAB)).layer(Layer.of(factory(cell, hidden)))
                .head(Head.everyStep(VOCAB)).build());
        Dtype d = "float64".equals(dtype) ? Dtype.FLOAT64 : Dtype.FLOAT32;
        Options options = (d == Dtype.FLOAT32 ? Options.float32() : Options.float64()).maxSteps(STEPS).maxBatch(batch);
        executor = CompiledProgram.compile(program, options).newExecutor();
        params = new LinkedHashMap<>();
        ProgramRunner.initialize(program, 1).forEach((k, v) -> params.put(k, v.data()));
        names = new ArrayList<>(params.keySet());
        SplittableRandom rng = new SplittableRandom(2);
        x = new double[STEPS][batch];
        y = new double[STEPS][batch];
        xi = new int[STEPS * batch];
        yi = new int[STEPS * batch];
        for (int t = 0; t < STEPS; t++) {
            for (int b = 0; b < batch; b++) {
                xi[t * batch + b] = rng.nextInt(VOCAB);
                yi[t * batch + b] = rng.nextInt(VOCAB);
                x[t][b] = xi[t * batch + b];
                y[t][b] = yi[t * batch + b];
            }
        }
        carry = Truncation.full().carry(STEPS, 0);
        handwritten = new HandwrittenLstm(VOCAB, hidden, STEPS, batch, 3);
    }

    /** One training step through the generated code. */
    @Benchmark
    public double generated() {
        executor.setParameters(params);
        double loss = executor.forward(x, y, Map.of(), batch);
        executor.backward(carry);
        Map<String, double[]> grads = executor.gradients();
        GradClip.clipInPlace(grads, 1.0);
        double[][] p = new double[names.size()][];
        double[][] g = new double[names.size()][];
        for (int i = 0; i < p.length; i++) {
            p[i] = params.get(names.get(i));
            g[i] = grads.get(names.get(i));
        }
        sgd.step(names, p, g);
        return loss;
    }

    /** The same step of the hand-written float LSTM (only meaningful for cell = lstm). */
    @Benchmark
    public float handwritten() {
        return handwritten.trainStep(xi, yi, 0.1f, 1f);
    }

    static IntFunction<Cell> factory(String cell, int hidden) {
        return switch (cell) {
            case "rnn" -> in -> Cells.rnn(in, hidden);
            case "gru" -> in -> Cells.gru(in, hidden);
            case "lstm" -> in -> Cells.lstm(in, hidden);
            default -> throw new IllegalArgumentException("cell must be rnn, lstm or gru, got " + cell);
        };
    }
}
