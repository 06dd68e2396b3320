package dev.unroll.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.PropertyRunner;
import dev.unroll.dsl.core.UnrollException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdamTest {

    private static final double[][] GRADS = {{0.5, -0.25, 0.0}, {0.1, 0.3, -2.0}, {-0.4, 0.2, 1e-3}};

    /**
     * PyTorch's Adam at lr 0.1 from p = (1, -2, 0.5). Step 1 by hand: m̂ = g and v̂ = g², so
     * p0 = 1 − 0.1·0.5/(0.5 + 1e-8) = 0.900000002, p1 = −2 + 0.1·0.25/(0.25 + 1e-8) = −1.900000004, and p2
     * stays (g = 0).
     * Step 2, p0: m = 0.05 + 0.1·(0.1 − 0.05) = 0.055, v = 0.999·0.00025 + 0.001·0.01 = 0.00025975,
     * p0 = 0.900000002 − (0.1/0.19)·0.055/(√v/√0.001999 + 1e-8) = 0.81969590638...
     */
    private static final double[][] EXPECTED = {
        {0.900000002, -1.9000000039999998, 0.5},
        {0.8196959063846517, -1.914294476547747, 0.5744136818306456},
        {0.8103259663582116, -1.9532640047944712, 0.6319037096128037},
    };

    @Test
    void matchesHandComputedPyTorchSteps() {
        Adam adam = new Adam(0.1);
        double[] p = {1.0, -2.0, 0.5};
        for (int t = 0; t < GRADS.length; t++) {
            adam.step(List.of("p"), new double[][] {p}, new double[][] {GRADS[t].clone()});
            assertArrayEquals(EXPECTED[t], p, 1e-14, "after step " + (t + 1));
        }
        assertEquals(3, adam.steps());
    }

    @Test
    void floatParametersFollowTheSameStepsUpToFloatRounding() {
        Adam adam = new Adam(0.1);
        float[] p = {1.0f, -2.0f, 0.5f};
        for (int t = 0; t < GRADS.length; t++) {
            float[] g = new float[3];
            for (int j = 0; j < 3; j++) {
                g[j] = (float) GRADS[t][j];
            }
            adam.step(List.of("p"), new float[][] {p}, new float[][] {g});
            for (int j = 0; j < 3; j++) {
                assertEquals(EXPECTED[t][j], p[j], 1e-6, "after step " + (t + 1));
            }
        }
    }

    @Test
    void theFirstStepMovesEveryParameterByLearningRateTimesTheSignOfItsGradient() {
        Gen<Double> magnitudes = Gens.doubles(1e-3, 1e3);
        Gen<double[]> grads = Gens.lists(Gens.zip(magnitudes, Gens.booleans(), (m, neg) -> neg ? -m : m), 1, 20)
                .map(list -> list.stream().mapToDouble(Double::doubleValue).toArray());
        PropertyRunner.forAll(grads, Gens.doubles(1e-4, 1.0)).tries(200).seed(31).check(c -> {
            double[] g = c.first();
            double lr = c.second();
            double[] p = new double[g.length];
            new Adam(lr).step(List.of("p"), new double[][] {p}, new double[][] {g});
            for (int j = 0; j < g.length; j++) {
                // |Δ| = lr·|g|/(|g| + ε), so the relative error is below ε/|g| <= 1e-5.
                assertEquals(-lr * Math.signum(g[j]), p[j], lr * 1e-5, "element " + j);
            }
        });
    }

    @Test
    void aRestoredStateContinuesBitForBit() {
        Adam original = new Adam(0.01, 0.8, 0.99, 1e-6);
        double[] w = {0.3, -0.7};
        double[] b = {0.1};
        for (int t = 0; t < 3; t++) {
            step(original, w, b, t);
        }
        Map<String, double[]> state = original.exportState();
        assertEquals(List.of("step", "m.w", "v.w", "m.b", "v.b"), List.copyOf(state.keySet()));
        Adam resumed = new Adam(0.01, 0.8, 0.99, 1e-6);
        resumed.restoreState(state);
        double[] w2 = w.clone();
        double[] b2 = b.clone();
        for (int t = 3; t < 6; t++) {
            step(original, w, b, t);
            step(resumed, w2, b2, t);
        }
        assertArrayEquals(w, w2, 0.0);
        assertArrayEquals(b, b2, 0.0);
        assertEquals(6, resumed.steps());
    }

    @Test
    void theExportedStateIsACopy() {
        Adam adam = new Adam(0.1);
        double[] w = {1.0};
        step(adam, w, new double[] {2.0}, 0);
        adam.exportState().get("m.w")[0] = 1e9;
        double before = w[0];
        step(adam, w, new double[] {2.0}, 1);
        assertTrue(Math.abs(w[0] - before) < 0.2, "the moment was changed through the export");
    }

    private static void step(Adam adam, double[] w, double[] b, int t) {
        double[] gw = new double[w.length];
        for (int j = 0; j < w.length; j++) {
            gw[j] = Math.sin(t + j);
        }
        adam.step(List.of("w", "b"), new double[][] {w, b}, new double[][] {gw, {0.5 - t}});
    }

    @Test
    void invalidHyperparametersAreRejected() {
        assertTrue(message(() -> new Adam(0)).contains("the learning rate must be finite and > 0, got 0.0"));
        assertTrue(message(() -> new Adam(Double.NaN)).contains("got NaN"));
        assertEquals("Adam: beta1 must be in [0, 1), got 1.0; the usual values are beta1 = 0.9, beta2 = 0.999",
                message(() -> new Adam(0.1, 1.0, 0.999, 1e-8)));
        assertTrue(message(() -> new Adam(0.1, 0.9, -0.1, 1e-8)).contains("beta2 must be in [0, 1), got -0.1"));
        assertTrue(message(() -> new Adam(0.1, 0.9, Double.NaN, 1e-8)).contains("beta2 must be in [0, 1), got NaN"));
        assertEquals("Adam: eps must be finite and > 0, got 0.0; the usual value is 1e-8",
                message(() -> new Adam(0.1, 0.9, 0.999, 0)));
    }

    @Test
    void stepsRejectRenamedReshapedOrDuplicatedParameters() {
        Adam adam = new Adam(0.1);
        adam.step(List.of("w"), new double[][] {new double[2]}, new double[][] {new double[2]});
        assertTrue(message(() -> adam.step(List.of("w"), new double[][] {new double[3]},
                new double[][] {new double[3]})).contains("parameter 'w' had 2 elements in earlier steps"));
        assertTrue(message(() -> adam.step(List.of("a", "a"), new double[2][1], new double[2][1]))
                .contains("'a' appears twice"));
    }

    @Test
    void foreignOrInconsistentStateIsRejected() {
        Adam adam = new Adam(0.1);
        Map<String, double[]> state = new LinkedHashMap<>();
        state.put("step", new double[] {2});
        state.put("m.w", new double[2]);
        assertTrue(message(() -> adam.restoreState(state)).contains("'m.w' needs a 'v.w' of the same length (2)"));
        state.put("v.w", new double[2]);
        state.put("velocity", new double[2]);
        assertTrue(message(() -> adam.restoreState(state)).contains("unknown key 'velocity'"));
        assertTrue(message(() -> adam.restoreState(Map.of("step", new double[] {1.5})))
                .contains("'step' must be one whole number >= 0, got [1.5]"));
        assertTrue(message(() -> adam.restoreState(Map.of())).contains("got none"));
    }

    @Test
    void steadyStateStepsAllocateNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<String> names = List.of("w", "b");
        List<String> sameNames = new ArrayList<>(names); // an equal list, as a trainer may pass each step
        double[][] params = {new double[64], new double[8]};
        double[][] grads = {new double[64], new double[8]};
        float[][] fparams = {new float[64], new float[8]};
        float[][] fgrads = {new float[64], new float[8]};
        Optimizer[] optimizers = {new Adam(1e-3), new SGD(0.1)};
        for (Optimizer optimizer : optimizers) {
            optimizer.step(names, params, grads); // first step allocates the moments
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 20_000; i++) {
            optimizers[i & 1].step(i % 3 == 0 ? names : sameNames, params, grads);
            optimizers[i & 1].step(names, fparams, fgrads);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // 40,000 steps: even 8 bytes per step would be 320 KB.
        assertTrue(allocated < 16_384, "allocated " + allocated + " bytes");
    }

    private static String message(Runnable r) {
        return assertThrows(UnrollException.class, r::run).getMessage();
    }
}
