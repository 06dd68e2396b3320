package dev.unroll.compiler.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.PropertyRunner;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.gradcheck.GradCheck;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.dsl.core.UnrollException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Segmented runs against full ones on the reference backend: the same loss, gradients, final states and
 * initial-state gradients for every cell kind, depth, truncation, segment length and given initial states; with
 * dropout and zoneout the gradients against central differences of the segmented loss; and the models it refuses.
 */
class SegmentedExecutorTest {

    /** A unidirectional model, a batch of {@code steps} steps, a segment length, a truncation and given states. */
    record Case(int kind, int depth, boolean tokens, int batch, int steps, int capacity, Truncation truncation,
                boolean givenStates, long seed) {

        static final int CLASSES = 3;

        static Gen<Case> cases() {
            return c -> {
                int steps = Gens.integers(1, 9).generate(c);
                int cut = Gens.integers(0, 2).generate(c);
                Truncation truncation = cut == 0 ? Truncation.full() : cut == 1
                        ? Truncation.fixed(Gens.integers(1, steps).generate(c)) : Truncation.randomized(0.5);
                return new Case(Gens.integers(0, 2).generate(c), Gens.integers(1, 2).generate(c),
                        Gens.booleans().generate(c), Gens.integers(1, 3).generate(c), steps,
                        Gens.integers(1, steps + 1).generate(c), truncation, Gens.booleans().generate(c),
                        Gens.longs(0, Long.MAX_VALUE).generate(c));
            };
        }

        Model model(Regularization regularization) {
            Layer first = switch (kind) {
                case 0 -> Layer.rnn(3);
                case 1 -> Layer.lstm(2);
                default -> Layer.gru(2);
            };
            Model.Builder b = Model.of(tokens ? Encoding.oneHot(CLASSES) : Encoding.features(2)).layer(first);
            return (depth > 1 ? b.layer(Layer.rnn(2)) : b)
                    .head(Head.everyStep(CLASSES))
                    .loss(tokens ? Loss.SOFTMAX_CROSS_ENTROPY : Loss.MEAN_SQUARED_ERROR)
                    .regularization(regularization)
                    .build();
        }

        double[][] data(int cols, long stream) {
            SplittableRandom rng = new SplittableRandom(seed + stream);
            double[][] out = new double[steps][batch * cols];
            for (double[] row : out) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = tokens ? rng.nextInt(CLASSES) : rng.nextGaussian();
                }
            }
            return out;
        }

        double[][] inputs() {
            return data(tokens ? 1 : 2, 1);
        }

        double[][] targets() {
            return data(tokens ? 1 : CLASSES, 2);
        }

        /** Random initial values of every state of {@code p}, or none. */
        Map<String, double[]> states(ProgramExecutor full) {
            Map<String, double[]> out = new LinkedHashMap<>();
            if (givenStates) {
                full.forward(inputs(), targets(), Map.of(), batch);
                SplittableRandom rng = new SplittableRandom(~seed);
                full.finalStates().forEach((name, v) -> out.put(name, rng.doubles(v.length, -1, 1).toArray()));
            }
            return out;
        }
    }

    @Test
    void segmentedRunsEqualFullRuns() {
        PropertyRunner.forAll(Case.cases()).tries(40).seed(1701L).check(k -> {
            Program p = Planner.plan(k.model(Regularization.NONE));
            ParamStore params = ParamStore.initialize(p, k.seed());
            ProgramExecutor full = ProgramExecutor.reference(p, k.steps(), k.batch());
            Map<String, double[]> states = k.states(full);
            SegmentedExecutor segmented = new SegmentedExecutor(
                    ProgramExecutor.reference(p, k.capacity(), k.batch()), k.capacity());
            double[] carry = k.truncation().carry(k.steps(), k.seed());

            full.setParameters(params);
            double fullLoss = full.forward(k.inputs(), k.targets(), states, k.batch());
            full.backward(carry);
            segmented.setParameters(params);
            double loss = segmented.forward(k.inputs(), k.targets(), new LinkedHashMap<>(states), k.batch());
            segmented.backward(carry);

            assertEquals(fullLoss, loss, 1e-13 * Math.max(1, Math.abs(fullLoss)));
            assertClose(byName(full.gradients()), byName(segmented.gradients()));
            assertClose(full.finalStates(), segmented.finalStates());
            assertClose(full.initialStateGradients(), segmented.initialStateGradients());
        });
    }

    @Test
    void withDropoutAndZoneoutGradientsMatchCentralDifferencesOfTheSegmentedLoss() {
        PropertyRunner.forAll(Case.cases().filter(k -> k.capacity() < k.steps())).tries(12).seed(1702L).check(k -> {
            Program p = Planner.plan(k.model(new Regularization(0.3, 0.2, 0.4)));
            SegmentedExecutor segmented = new SegmentedExecutor(
                    ProgramExecutor.reference(p, k.capacity(), k.batch()), k.capacity());
            segmented.setNoise(k.seed(), 0, true);
            double[][] x = k.inputs();
            double[][] y = k.targets();
            segmented.setParameters(ParamStore.initialize(p, k.seed()));
            segmented.forward(x, y, Map.of(), k.batch());
            segmented.backward(Truncation.full().carry(k.steps(), 0));
            GradCheck.finiteDifferences(mats -> {
                segmented.setParameters(ParamStore.of(p, mats, "finite differences"));
                return segmented.forward(x, y, Map.of(), k.batch());
            }, ParamStore.initialize(p, k.seed()).mats(), segmented.gradients().mats()).assertWithin(1e-6);
        });
    }

    @Test
    void refusesModelsThatDoNotRunForwardInTime() {
        Model bidirectional = Model.of(Encoding.oneHot(3)).layer(Layer.rnn(2).bidirectional())
                .head(Head.everyStep(3)).build();
        Model lastStep = Model.of(Encoding.oneHot(3)).layer(Layer.rnn(2)).head(Head.lastStep(3)).build();
        assertRefused(bidirectional, "a scan runs backward in time");
        assertRefused(lastStep, "its head reads the last step only");
    }

    @Test
    void backwardNeedsOneCarryFactorPerStep() {
        Program p = Planner.plan(Model.of(Encoding.oneHot(3)).layer(Layer.rnn(2)).head(Head.everyStep(3)).build());
        SegmentedExecutor segmented = new SegmentedExecutor(ProgramExecutor.reference(p, 2, 1), 2);
        segmented.setParameters(ParamStore.initialize(p, 1));
        segmented.forward(new double[5][1], new double[5][1], Map.of(), 1);
        UnrollException e = assertThrows(UnrollException.class, () -> segmented.backward(new double[4]));
        assertTrue(e.getMessage().contains("one carry factor per step of it (5), got 4"), e.getMessage());
    }

    private static void assertRefused(Model model, String why) {
        Program p = Planner.plan(model);
        UnrollException e = assertThrows(UnrollException.class,
                () -> new SegmentedExecutor(ProgramExecutor.reference(p, 2, 1), 2));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    private static Map<String, double[]> byName(ParamStore store) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int i = 0; i < store.names().size(); i++) {
            out.put(store.names().get(i), store.values(i));
        }
        return out;
    }

    private static void assertClose(Map<String, double[]> expected, Map<String, double[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, e) -> {
            double[] a = actual.get(name);
            assertEquals(e.length, a.length, name);
            for (int i = 0; i < e.length; i++) {
                assertEquals(e[i], a[i], 1e-13 + 1e-11 * Math.abs(e[i]), name + "[" + i + "]");
            }
        });
    }
}
