package dev.unroll.bench;

import dev.unroll.compiler.emit.Passes;
import dev.unroll.compiler.model.Encoding;
import dev.unroll.compiler.model.Head;
import dev.unroll.compiler.model.Layer;
import dev.unroll.compiler.model.Model;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.cells.Cells;
import dev.unroll.dsl.cells.LayerNormCells;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import dev.unroll.kernels.Dtype;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.runtime.Options;
import dev.unroll.runtime.model.CompiledProgram;
import dev.unroll.runtime.text.Minibatches;
import dev.unroll.runtime.text.Sampling;
import dev.unroll.runtime.train.TrainConfig;
import dev.unroll.runtime.train.Trainer;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * The benchmarked model: a character-level language model (vocabulary 28 one-hot, T = 35) with one recurrent layer
 * of a given cell, compiled with given passes; and its cost in flops per token.
 */
final class Workload {

    static final int VOCAB = 28;
    static final int STEPS = 35;

    private Workload() {
    }

    /**
     * The program of the language model with cell {@code cell} (rnn, lstm, gru, the layer-normalized lstm_ln or
     * gru_ln, or custom) of width {@code hidden}.
     */
    static Program program(String cell, int hidden) {
        return Planner.plan(Model.of(Encoding.oneHot(VOCAB)).layer(Layer.of(factory(cell, hidden)))
                .head(Head.everyStep(VOCAB)).build());
    }

    /** An executor of {@code program} for {@code batch} rows, compiled with only {@code passes} in the emitter. */
    static ProgramExecutor executor(Program program, Dtype dtype, int batch, Passes passes) {
        Options options = (dtype == Dtype.FLOAT32 ? Options.float32() : Options.float64()).maxSteps(STEPS)
                .maxBatch(batch).passes(passes);
        return CompiledProgram.compile(program, options).newExecutor();
    }

    /**
     * A trainer of {@code program} as {@code unroll train} builds it (SGD with learning rate 0.1, clipping θ = 1,
     * full BPTT, random sampling), its batch of {@code batch} rows split over at most {@code threads} workers.
     */
    static Trainer trainer(Program program, Dtype dtype, int batch, int threads) {
        TrainConfig config = new TrainConfig(STEPS, batch, 1, 0.1, TrainConfig.OptimizerKind.SGD, 1.0,
                Truncation.full(), Sampling.RANDOM, dtype, threads, 42, 0.0, Double.POSITIVE_INFINITY);
        return new Trainer(program, config, (p, steps, rows, type) -> CompiledProgram.compile(p,
                (type == Dtype.FLOAT32 ? Options.float32() : Options.float64()).maxSteps(steps).maxBatch(rows))
                .newExecutor());
    }

    /** Random minibatches of {@code batch} rows over uniformly drawn tokens, about {@code batches} per epoch. */
    static Minibatches randomMinibatches(int batch, int batches) {
        SplittableRandom rng = new SplittableRandom(5);
        int[] tokens = new int[(batches * batch + 2) * STEPS];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = rng.nextInt(VOCAB);
        }
        return Minibatches.of("random tokens", tokens, batch, STEPS, Sampling.RANDOM, 7);
    }

    /** {@code steps} steps of {@code batch} token indices drawn uniformly from the vocabulary with {@code rng}. */
    static double[][] tokens(int steps, int batch, SplittableRandom rng) {
        double[][] out = new double[steps][batch];
        for (double[] step : out) {
            for (int b = 0; b < batch; b++) {
                step[b] = rng.nextInt(VOCAB);
            }
        }
        return out;
    }

    /**
     * Training flops per token: each forward product {@code [1×k]·[k×n]} of a row costs {@code 2kn} flops, and the
     * backward pass two more of the same size (the input gradient and the weight gradient). Elementwise work is not
     * counted. For the LSTM this is {@code 24·H·(V+H) + 6·H·V}.
     */
    static double flopsPerToken(Program program) {
        double flops = 0;
        for (Program.Scan scan : program.scans()) {
            var graph = scan.cell().graph();
            for (Node n : graph.nodes()) {
                if (n.op() == Op.MATMUL && graph.node(n.input(0)).shape().batched()) {
                    flops += 6.0 * graph.node(n.input(1)).shape().rows() * n.shape().cols();
                }
            }
        }
        return flops;
    }

    /**
     * Passes by name: {@code all}, {@code none}, or all but one ({@code -hoist}, {@code -defer}, {@code -transpose},
     * {@code -fuse}, {@code -merge}).
     */
    static Passes passes(String name) {
        return switch (name) {
            case "all" -> Passes.ALL;
            case "none" -> Passes.NONE;
            case "-hoist" -> Passes.ALL.withoutHoisting();
            case "-defer" -> Passes.ALL.withoutDeferredGradients();
            case "-transpose" -> Passes.ALL.withoutTransposedWeights();
            case "-fuse" -> Passes.ALL.withoutFusion();
            case "-merge" -> Passes.ALL.withoutMergedProducts();
            default -> throw new IllegalArgumentException("passes must be all, none, -hoist, -defer, -transpose,"
                    + " -fuse or -merge, got " + name);
        };
    }

    static IntFunction<Cell> factory(String cell, int hidden) {
        return switch (cell) {
            case "rnn" -> in -> Cells.rnn(in, hidden);
            case "gru" -> in -> Cells.gru(in, hidden);
            case "lstm" -> in -> Cells.lstm(in, hidden);
            case "lstm_ln" -> in -> LayerNormCells.lstm(in, hidden);
            case "gru_ln" -> in -> LayerNormCells.gru(in, hidden);
            case "custom" -> in -> custom(in, hidden);
            default -> throw new IllegalArgumentException("cell must be rnn, lstm, gru, lstm_ln, gru_ln or custom, got "
                    + cell);
        };
    }

    /**
     * A custom cell with the LSTM's op count, written as a user would: write, keep and read gates, a ReLU candidate
     * and a memory {@code m}; nothing in the compiler knows it.
     */
    static Cell custom(int inputSize, int hidden) {
        return Cell.define("custom", c -> {
            var x = c.input("x", inputSize);
            var h = c.state("h", hidden);
            var m = c.state("m", hidden);
            var write = c.affine("w", hidden, x, h).sigmoid();
            var keep = c.affine("k", hidden, x, h).sigmoid();
            var read = c.affine("r", hidden, x, h).sigmoid();
            var update = c.affine("u", hidden, x, h).relu();
            var mNext = keep.mul(m).add(write.mul(update));
            var hNext = read.mul(mNext.tanh());
            c.next(h, hNext).next(m, mNext).output("y", hNext);
        });
    }
}
