package dev.unroll.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.model.Encoding;
import dev.unroll.compiler.model.Head;
import dev.unroll.compiler.model.Layer;
import dev.unroll.compiler.model.Model;
import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramRunner;
import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.Options;
import dev.unroll.runtime.model.CompiledProgram;
import dev.unroll.runtime.text.Batch;
import dev.unroll.runtime.text.Minibatches;
import dev.unroll.runtime.text.Sampling;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The trainer's gradient-norm report, against an independent replay on the interpreter, and its divergence stop. */
class TrainerTest {

    private static final int VOCAB = 5;
    private static final int STEPS = 6;
    private static final int BATCH = 4;
    private static final Program PROGRAM = Planner.plan(Model.of(Encoding.oneHot(VOCAB)).layer(Layer.rnn(3))
            .head(Head.everyStep(VOCAB)).build());

    @Test
    void theGradientNormReportMatchesAnIndependentReplayOfTheSteps() {
        // θ = 0.6 lies between the smallest and the largest norm of these steps, so both branches are exercised.
        double lr = 3.0;
        double theta = 0.6;
        Minibatches data = data(7);
        List<double[]> seen = new ArrayList<>();
        EpochReport report;
        try (Trainer trainer = trainer(config(lr, theta, Double.POSITIVE_INFINITY))) {
            TrainingState state = trainer.initialState();
            report = trainer.epoch(state, data, null, new Trainer.Progress() {
                @Override
                public void update(int done, int total) {
                }

                @Override
                public void step(int epoch, int minibatch, double loss, double norm, boolean clipped) {
                    seen.add(new double[] {epoch, minibatch, loss, norm, clipped ? 1 : 0});
                }
            });
        }
        List<double[]> replay = replay(data.epoch(0), lr, theta);
        assertEquals(replay.size(), seen.size());
        double sum = 0;
        double max = 0;
        int clipped = 0;
        for (int i = 0; i < replay.size(); i++) {
            double[] r = replay.get(i);
            double[] s = seen.get(i);
            assertEquals(1, s[0]);
            assertEquals(i + 1, s[1]);
            assertEquals(r[0], s[2], 1e-9 * r[0], "loss of step " + i);
            assertEquals(r[1], s[3], 1e-9 * r[1], "norm of step " + i);
            assertEquals(r[1] > theta ? 1 : 0, s[4], "clipped at step " + i);
            sum += r[1];
            max = Math.max(max, r[1]);
            clipped += r[1] > theta ? 1 : 0;
        }
        GradientNorms norms = report.gradientNorms();
        assertTrue(clipped > 0 && clipped < replay.size(), "the test needs clipped and unclipped steps: " + clipped
                + " " + replay.stream().map(r -> r[1]).toList());
        assertEquals(replay.size(), norms.steps());
        assertEquals(sum / replay.size(), norms.mean(), 1e-9 * norms.mean());
        assertEquals(max, norms.max(), 1e-9 * max);
        assertEquals(clipped, norms.clipped());
        assertEquals((double) clipped / replay.size(), norms.clippedFraction());
        assertTrue(report.line().contains(norms.line()), report.line());
    }

    @Test
    void withoutClippingNoStepCountsAsClipped() {
        try (Trainer trainer = trainer(config(1.0, 0, Double.POSITIVE_INFINITY))) {
            GradientNorms norms = trainer.epoch(trainer.initialState(), data(3), null, (d, t) -> { }).gradientNorms();
            assertEquals(0, norms.clipped());
            assertTrue(norms.max() > 0 && norms.mean() <= norms.max(), norms.toString());
            assertTrue(norms.line().endsWith("(no clipping)"), norms.line());
        }
    }

    @Test
    void aLossAboveTheBoundStopsTheRunBeforeTheFirstUpdate() {
        // Uniform guessing over 5 tokens costs ln 5 ≈ 1.6 nats; a bound of 1 nat is passed at the very first step.
        try (Trainer trainer = trainer(config(1.0, 1.0, 1.0))) {
            TrainingState state = trainer.initialState();
            ParamStore before = state.params().copy();
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> trainer.epoch(state, data(3), null, (d, t) -> { }));
            assertEquals(TrainingDivergedException.Quantity.LOSS, e.quantity());
            assertEquals(1, e.epoch());
            assertEquals(1, e.minibatch());
            assertEquals("", e.parameter());
            assertTrue(e.value() > 1.0, "the loss " + e.value());
            assertTrue(e.getMessage().startsWith("training diverged in epoch 1 at minibatch 1 of "), e.getMessage());
            assertEquals(0, state.epochsDone());
            for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.values(i), state.params().values(i),
                        before.ref(i) + " must not have been updated");
            }
        }
    }

    @Test
    void anAbsurdLearningRateStopsTheRunInTheFirstEpochWithNothingNonFiniteReported() {
        try (Trainer trainer = trainer(config(1e300, 0, Double.POSITIVE_INFINITY))) {
            TrainingState state = trainer.initialState();
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> trainer.epoch(state, data(40), null, (d, t) -> { }));
            assertEquals(1, e.epoch());
            assertEquals(0, state.epochsDone());
            assertTrue(state.trainPerplexity().isEmpty());
        }
    }

    @Test
    void theBoundForAVocabularyIsAFactorOverUniformGuessing() {
        assertEquals(Math.log(1000 * 28.0), TrainConfig.maxLossFor(28, 1000), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, TrainConfig.maxLossFor(28, Double.POSITIVE_INFINITY));
    }

    /** Each step replayed on the interpreter: {loss, global norm before clipping}, with clipping and SGD. */
    private static List<double[]> replay(List<Batch> batches, double lr, double theta) {
        Map<String, Mat> params = ParamStore.initialize(PROGRAM, 42).mats();
        double[] full = new double[STEPS];
        Arrays.fill(full, 1.0);
        List<double[]> out = new ArrayList<>();
        for (Batch b : batches) {
            ProgramRunner.Result r = ProgramRunner.run(PROGRAM, column(b, false), column(b, true), Map.of(), params,
                    full);
            double sq = 0;
            for (Mat g : r.paramGrads().values()) {
                for (double v : g.data()) {
                    sq += v * v;
                }
            }
            double norm = Math.sqrt(sq);
            double factor = norm > theta ? theta / norm : 1.0;
            Map<String, Mat> next = new LinkedHashMap<>();
            params.forEach((k, p) -> next.put(k, p.plus(r.paramGrads().get(k).times(-lr * factor))));
            params = next;
            out.add(new double[] {r.loss(), norm});
        }
        return out;
    }

    private static List<Mat> column(Batch b, boolean targets) {
        List<Mat> out = new ArrayList<>();
        for (int t = 0; t < b.steps(); t++) {
            double[] d = new double[b.batch()];
            for (int r = 0; r < b.batch(); r++) {
                d[r] = targets ? b.target(t, r) : b.input(t, r);
            }
            out.add(Mat.of(b.batch(), 1, d));
        }
        return out;
    }

    private static Minibatches data(int minibatches) {
        SplittableRandom rng = new SplittableRandom(11);
        int[] tokens = new int[(minibatches + 1) * BATCH * STEPS + 1];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = rng.nextInt(VOCAB);
        }
        return Minibatches.of("random tokens", tokens, BATCH, STEPS, Sampling.RANDOM, 5);
    }

    private static TrainConfig config(double lr, double clip, double maxLoss) {
        return new TrainConfig(STEPS, BATCH, 1, lr, TrainConfig.OptimizerKind.SGD, clip, Truncation.full(),
                Sampling.RANDOM, Dtype.FLOAT64, 1, 42, 0.0, maxLoss);
    }

    private static Trainer trainer(TrainConfig config) {
        return new Trainer(PROGRAM, config, (p, steps, rows, dtype) -> CompiledProgram.compile(p,
                Options.float64().maxSteps(steps).maxBatch(rows)).newExecutor());
    }
}
