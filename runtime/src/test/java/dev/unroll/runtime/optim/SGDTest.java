package dev.unroll.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.dsl.core.UnrollException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SGDTest {

    @Test
    void stepsAgainstTheGradientScaledByTheLearningRate() {
        double[] w = {1.0, -2.0, 0.5};
        double[] b = {3.0};
        new SGD(0.5).step(List.of("w", "b"), new double[][] {w, b}, new double[][] {{0.2, -4.0, 0.0}, {1.0}});
        assertArrayEquals(new double[] {0.9, 0.0, 0.5}, w);
        assertArrayEquals(new double[] {2.5}, b);
    }

    @Test
    void floatParametersAreUpdatedInPlace() {
        float[] w = {1.0f, -2.0f};
        new SGD(0.25).step(List.of("w"), new float[][] {w}, new float[][] {{2.0f, -8.0f}});
        assertArrayEquals(new float[] {0.5f, 0.0f}, w);
    }

    @Test
    void invalidLearningRatesAreRejected() {
        for (double lr : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            UnrollException e = assertThrows(UnrollException.class, () -> new SGD(lr));
            assertEquals("SGD: the learning rate must be finite and > 0, got " + lr + "; pass e.g. --lr 1 for SGD or"
                    + " --lr 0.001 for Adam", e.getMessage());
        }
    }

    @Test
    void mismatchedArgumentsAreRejected() {
        SGD sgd = new SGD(1);
        assertEquals("SGD.step: needs one name, parameter and gradient per parameter, got 1 names, 2 parameters and"
                + " 2 gradients", assertThrows(UnrollException.class, () -> sgd.step(List.of("w"),
                new double[2][1], new double[2][1])).getMessage());
        assertEquals("SGD.step: parameter 'w' has 2 elements but its gradient has 3; pass the gradient of that"
                + " parameter", assertThrows(UnrollException.class, () -> sgd.step(List.of("w"),
                new double[][] {new double[2]}, new double[][] {new double[3]})).getMessage());
    }

    @Test
    void hasNoStateAndRefusesAnotherOptimizersState() {
        SGD sgd = new SGD(1);
        assertEquals(Map.of(), sgd.exportState());
        sgd.restoreState(Map.of());
        assertTrue(assertThrows(UnrollException.class, () -> sgd.restoreState(Map.of("step", new double[] {1})))
                .getMessage().contains("SGD has no state, but got [step]"));
    }
}
