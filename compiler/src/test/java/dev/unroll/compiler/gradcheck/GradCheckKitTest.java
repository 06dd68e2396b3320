package dev.unroll.compiler.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.compiler.interp.Mat;
import dev.unroll.dsl.cells.Activation;
import dev.unroll.dsl.cells.Cells;
import dev.unroll.dsl.core.UnrollException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The finite-difference kit itself: its error measure, its report, and that it fails when gradients are wrong. */
class GradCheckKitTest {

    /** {@code L = Σ sin(W) ⊙ X + (Σ b)²} for a fixed X; its gradient is {@code cos(W) ⊙ X} and {@code 2 Σ b}. */
    private static final Mat X = Mat.of(2, 2, 0.5, -1.5, 2.0, 0.25);
    private static final ToDoubleFunction<Map<String, Mat>> LOSS = v -> {
        double s = 0;
        for (int i = 0; i < 4; i++) {
            s += Math.sin(v.get("W").data()[i]) * X.data()[i];
        }
        double b = v.get("b").get(0, 0) + v.get("b").get(0, 1);
        return s + b * b;
    };
    private static final Map<String, Mat> AT = ordered("W", Mat.of(2, 2, 0.1, 0.7, -0.4, 1.2), "b",
            Mat.of(1, 2, 0.3, -0.1));

    @Test
    void relativeErrorHasAFloorAndFailsOnNonFiniteValues() {
        assertEquals(1e-9, GradCheck.relativeError(1.0, 1.0 + 2e-9, 1e-4), 1e-15);
        assertEquals(1e-8, GradCheck.relativeError(0.0, 1e-12, 1e-4), 1e-20);
        assertEquals(Double.POSITIVE_INFINITY, GradCheck.relativeError(Double.NaN, 1.0, 1e-4));
        assertEquals(Double.POSITIVE_INFINITY, GradCheck.relativeError(Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY, 1e-4));
    }

    @Test
    void rightGradientsPassToRoundingLevel() {
        Report r = GradCheck.finiteDifferences(LOSS, AT, exact()).assertWithin(1e-9);
        assertEquals(6, r.compared());
        assertEquals(0, r.skipped());
    }

    @Test
    void aWrongElementFailsAndIsNamed() {
        Map<String, Mat> wrong = exact();
        double[] w = wrong.get("W").data();
        w[2] += 1e-4;
        wrong.put("W", Mat.of(2, 2, w));
        AssertionError e = assertThrows(AssertionError.class,
                () -> GradCheck.finiteDifferences(LOSS, AT, wrong).assertWithin(1e-6));
        assertTrue(e.getMessage().startsWith("gradient check failed: 1 of 2 variables exceed the relative error"
                + " 1.0e-06; worst W[1,0]: analytic "), e.getMessage());
        assertTrue(e.getMessage().contains("<-- exceeds 1.0E-6"), e.getMessage());
    }

    @Test
    void aMissingGradientIsZero() {
        Map<String, Mat> onlyW = exact();
        onlyW.remove("b");
        assertThrows(AssertionError.class, () -> GradCheck.finiteDifferences(LOSS, AT, onlyW).assertWithin(1e-6));
        Map<String, Mat> at = ordered("W", AT.get("W"), "b", Mat.of(1, 2, 0.5, -0.5)); // Σ b = 0: zero gradient
        GradCheck.finiteDifferences(LOSS, at, Map.of("W", exact().get("W"))).assertWithin(1e-9);
    }

    @Test
    void elementsNextToAKinkAreSkippedAndTheOthersCompared() {
        // L = Σ relu(x): kinks at 0 (on it, 3e-4 and 7e-4 away, all within the step 1e-3) are not trusted.
        ToDoubleFunction<Map<String, Mat>> relu = v -> {
            double s = 0;
            for (double x : v.get("x").data()) {
                s += Math.max(0, x);
            }
            return s;
        };
        Mat x = Mat.of(1, 6, 0.0, 3e-4, -7e-4, 2e-3, 0.5, -0.5);
        Report r = GradCheck.finiteDifferences(relu, Map.of("x", x), Map.of("x", Mat.of(1, 6, 0, 1, 0, 1, 1, 0)))
                .assertWithin(1e-9);
        assertEquals(3, r.skipped(), r.toString());
        assertEquals(3, r.compared(), r.toString());
    }

    @Test
    void aJumpIsSkipped() {
        ToDoubleFunction<Map<String, Mat>> step = v -> v.get("x").get(0, 0) > 0 ? 1 : 0;
        Report r = GradCheck.finiteDifferences(step, Map.of("x", Mat.of(1, 1, 1e-4)), Map.of());
        assertEquals(1, r.skipped(), r.toString());
    }

    @Test
    void aNonFiniteLossFailsInsteadOfBeingSkipped() {
        ToDoubleFunction<Map<String, Mat>> log = v -> Math.log(v.get("x").get(0, 0));
        Report r = GradCheck.finiteDifferences(log, Map.of("x", Mat.of(1, 1, 1e-4)), Map.of("x", Mat.of(1, 1, 1e4)));
        assertEquals(0, r.skipped());
        assertThrows(AssertionError.class, () -> r.assertWithin(1e-6));
    }

    @Test
    void theDirectionalCheckPassesRightAndFailsWrongGradients() {
        Report r = GradCheck.directional(LOSS, AT, exact(), 9).assertWithin(1e-9);
        assertEquals("direction", r.entries().get(0).variable());
        assertEquals(6, r.entries().get(0).elements());
        Map<String, Mat> wrong = exact();
        wrong.put("b", wrong.get("b").times(-1));
        assertThrows(AssertionError.class, () -> GradCheck.directional(LOSS, AT, wrong, 9).assertWithin(1e-6));
    }

    @Test
    void aWrongCellGradientIsCaught() {
        // The analytic gradient of a tanh RNN against finite differences of the same data through a relu RNN.
        CellCheck tanh = GradCheck.cell(Cells.rnn(2, 3)).steps(3).batch(2).seed(1);
        CellCheck relu = GradCheck.cell(Cells.rnn(2, 3, Activation.RELU)).steps(3).batch(2).seed(1);
        assertEquals(tanh.sequenceData(), relu.sequenceData());
        assertThrows(AssertionError.class, () -> GradCheck.finiteDifferences(relu.lossFunction(),
                tanh.sequenceData().variables(), tanh.analytic()).assertWithin(1e-6));
        assertThrows(AssertionError.class, () -> GradCheck.compare("relu", tanh.analytic(), relu.analytic(),
                GradCheck.DEFAULT_FLOOR).assertWithin(1e-10));
    }

    @Test
    void reportPrintsOneLinePerVariable() {
        Map<String, Mat> a = ordered("W", Mat.of(1, 2, 0.5, -0.25), "b", Mat.of(1, 1, 0.0));
        Map<String, Mat> r = ordered("W", Mat.of(1, 2, 0.5, -0.2), "b", Mat.of(1, 1, 1e-9));
        assertEquals("""
                analytic gradients vs the reference; error = |a - r| / max(|a| + |r|, 1.0e-04)
                variable  elements  skipped  worst                      analytic                 reference       error
                W                2        0  [0,1]       -2.5000000000000000e-01   -2.0000000000000000e-01   1.111e-01
                b                1        0  [0,0]        0.0000000000000000e+00    1.0000000000000000e-09   1.000e-05
                """, GradCheck.compare("the reference", a, r, 1e-4).table());
    }

    @Test
    void badSettingsAreRejectedWithTheRule() {
        UnrollException step = assertThrows(UnrollException.class,
                () -> GradCheck.finiteDifferences(LOSS, AT, exact(), 0.0, 1e-4));
        assertEquals("gradient check: the step must be finite and > 0, got 0.0", step.getMessage());
        UnrollException shape = assertThrows(UnrollException.class,
                () -> GradCheck.finiteDifferences(LOSS, AT, Map.of("W", Mat.zeros(1, 2))));
        assertEquals("the analytic gradient of 'W' is 1×2 but the variable is 2×2", shape.getMessage());
        UnrollException steps = assertThrows(UnrollException.class, () -> GradCheck.cell(Cells.rnn(1, 1)).steps(0));
        assertEquals("gradient check: steps must be at least 1, got 0", steps.getMessage());
        CellCheck given = GradCheck.cell(Cells.rnn(1, 1)).data(GradCheck.cell(Cells.rnn(1, 1)).sequenceData());
        UnrollException fixed = assertThrows(UnrollException.class, () -> given.batch(3));
        assertEquals("gradient check: the batch size is set by the given data; set it before data(...) or change the"
                + " data", fixed.getMessage());
    }

    private static Map<String, Mat> exact() {
        double[] w = AT.get("W").data();
        double[] g = new double[4];
        for (int i = 0; i < 4; i++) {
            g[i] = Math.cos(w[i]) * X.data()[i];
        }
        double b = 2 * (AT.get("b").get(0, 0) + AT.get("b").get(0, 1));
        return ordered("W", Mat.of(2, 2, g), "b", Mat.of(1, 2, b, b));
    }

    private static Map<String, Mat> ordered(String k1, Mat v1, String k2, Mat v2) {
        Map<String, Mat> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }
}
