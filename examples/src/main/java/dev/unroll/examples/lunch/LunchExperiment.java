package dev.unroll.examples.lunch;

import dev.unroll.compiler.bptt.GradClip;
import dev.unroll.compiler.bptt.Truncation;
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
import dev.unroll.runtime.optim.Adam;
import dev.unroll.runtime.optim.Optimizer;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains one model on an eating record and measures its accuracy on held-out days, through the normal pipeline:
 * a DSL cell in a {@link Model}, generated code, BPTT over windows of {@link #WINDOW} days with fixed truncation.
 */
final class LunchExperiment {

    /** The days per training sequence: long records are cut into windows. */
    static final int WINDOW = 20;

    /** The truncation of BPTT inside a window. */
    static final int TRUNCATION = 10;

    private static final int BATCH = 32;
    private static final int FEATURES = 2 * EatingRecord.MEALS.size();

    /** The model kinds of the table. */
    enum Kind {
        RNN("RNN", Layer.rnn(24)),
        LSTM("LSTM", Layer.lstm(24)),
        GRU("GRU", Layer.gru(24)),
        BIDIRECTIONAL("bidirectional GRU", Layer.bidirectional(in -> dev.unroll.dsl.cells.Cells.gru(in, 24),
                in -> PlanReader.cell(in, 24)));

        final String label;
        final Layer layer;

        Kind(String label, Layer layer) {
            this.label = label;
            this.layer = layer;
        }
    }

    /** One row of the table. */
    record Result(Kind kind, double accuracy, double seconds) {
    }

    private LunchExperiment() {
    }

    static Result run(Kind kind, EatingRecord train, EatingRecord test, int iterations, long seed) {
        long start = System.nanoTime();
        Program program = Planner.plan(Model.of(Encoding.features(FEATURES)).layer(kind.layer)
                .head(Head.everyStep(EatingRecord.MEALS.size())).build());
        ProgramExecutor ex = CompiledProgram.compile(program, Options.float32().maxSteps(WINDOW).maxBatch(BATCH))
                .newExecutor();
        ParamStore params = ParamStore.initialize(program, seed);
        ParamStore grads = params.zerosLike();
        Optimizer adam = new Adam(0.01);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] carry = Truncation.fixed(TRUNCATION).carry(WINDOW, seed);
        for (int i = 0; i < iterations; i++) {
            int[] starts = new int[BATCH];
            for (int b = 0; b < BATCH; b++) {
                starts[b] = rng.nextInt(train.days() - WINDOW);
            }
            ex.setParameters(params);
            ex.forward(features(train, starts), targets(train, starts), Map.of(), BATCH);
            ex.backward(carry);
            ex.gradientsInto(grads, 1.0, false);
            GradClip.clipInPlace(grads.names(), grads.arrays(), 5.0);
            adam.step(params, grads);
        }
        ex.setParameters(params);
        double accuracy = accuracy(ex, test);
        return new Result(kind, accuracy, (System.nanoTime() - start) / 1e9);
    }

    /**
     * The share of held-out days predicted right, over non-overlapping windows, counting days 2..T−2 of each window
     * (days whose two previous days and whose next day are in the window, so every model could in principle know
     * all the rule needs).
     */
    static double accuracy(ProgramExecutor ex, EatingRecord test) {
        int windows = (test.days() / WINDOW / BATCH) * BATCH;
        long right = 0;
        long total = 0;
        for (int w0 = 0; w0 < windows; w0 += BATCH) {
            int[] starts = new int[BATCH];
            for (int b = 0; b < BATCH; b++) {
                starts[b] = (w0 + b) * WINDOW;
            }
            ex.forward(features(test, starts), targets(test, starts), Map.of(), BATCH);
            for (int t = 2; t < WINDOW - 1; t++) {
                double[] logits = ex.output(t);
                for (int b = 0; b < BATCH; b++) {
                    right += argmax(logits, b) == test.lunch()[starts[b] + t] ? 1 : 0;
                    total++;
                }
            }
        }
        return (double) right / total;
    }

    private static double[][] features(EatingRecord r, int[] starts) {
        double[][] x = new double[WINDOW][BATCH * FEATURES];
        for (int t = 0; t < WINDOW; t++) {
            for (int b = 0; b < BATCH; b++) {
                double[] f = r.features(starts[b] + t);
                if (t == 0) {
                    java.util.Arrays.fill(f, 0, EatingRecord.MEALS.size(), 0.0);
                }
                System.arraycopy(f, 0, x[t], b * FEATURES, FEATURES);
            }
        }
        return x;
    }

    private static double[][] targets(EatingRecord r, int[] starts) {
        double[][] y = new double[WINDOW][BATCH];
        for (int t = 0; t < WINDOW; t++) {
            for (int b = 0; b < BATCH; b++) {
                y[t][b] = r.lunch()[starts[b] + t];
            }
        }
        return y;
    }

    private static int argmax(double[] logits, int row) {
        int meals = EatingRecord.MEALS.size();
        int best = 0;
        for (int m = 1; m < meals; m++) {
            if (logits[row * meals + m] > logits[row * meals + best]) {
                best = m;
            }
        }
        return best;
    }
}
