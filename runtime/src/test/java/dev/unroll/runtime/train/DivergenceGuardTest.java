package dev.unroll.runtime.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unroll.compiler.bptt.NonFiniteGradientException;
import dev.unroll.runtime.train.TrainingDivergedException.Quantity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each divergence check names the epoch, the minibatch, the quantity, the parameter and the value. */
class DivergenceGuardTest {

    private static final String ADVICE = "; lower the learning rate or clip gradients by global norm (d2l clips at"
            + " θ = 1)";

    private final DivergenceGuard guard = new DivergenceGuard(Math.log(1000 * 28.0));

    @Test
    void aNonFiniteLossIsNamedWithItsPosition() {
        guard.at(2, 16, 120);
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> guard.loss(bad));
            assertEquals("training diverged in epoch 3 at minibatch 17 of 120: the minibatch loss is " + bad + ADVICE,
                    e.getMessage());
            assertEquals(3, e.epoch());
            assertEquals(17, e.minibatch());
            assertEquals(Quantity.LOSS, e.quantity());
            assertEquals(bad, e.value());
        }
    }

    @Test
    void aFiniteLossAboveTheBoundIsDivergenceAndOneBelowIsNot() {
        guard.at(0, 0, 5);
        assertDoesNotThrow(() -> guard.loss(Math.log(1000 * 28.0) - 1e-9));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> guard.loss(185.0));
        assertEquals("training diverged in epoch 1 at minibatch 1 of 5: the minibatch loss 185.0 (perplexity 2.21e+80)"
                + " exceeds the divergence bound 10.24 (perplexity 2.80e+04)" + ADVICE, e.getMessage());
        assertEquals(185.0, e.value());
    }

    @Test
    void aNonFiniteGradientNamesItsParameterAndKeepsTheCause() {
        guard.at(0, 3, 9);
        NonFiniteGradientException cause = new NonFiniteGradientException("W_hh", -1, Double.NEGATIVE_INFINITY);
        TrainingDivergedException e = guard.gradient(cause);
        assertEquals("training diverged in epoch 1 at minibatch 4 of 9: the gradient of 'W_hh' is -Infinity" + ADVICE,
                e.getMessage());
        assertEquals(Quantity.GRADIENT, e.quantity());
        assertEquals("W_hh", e.parameter());
        assertSame(cause, e.getCause());
        TrainingDivergedException norm = assertThrows(TrainingDivergedException.class,
                () -> guard.gradientNorm(Double.POSITIVE_INFINITY));
        assertEquals(Quantity.GRADIENT, norm.quantity());
        assertEquals("", norm.parameter());
    }

    @Test
    void aNonFiniteParameterAfterTheUpdateIsNamed() {
        guard.at(4, 0, 2);
        double[][] params = {{1, 2}, {3, Double.NaN}};
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> guard.parameters(List.of("b_q", "W_hq"), params));
        assertEquals("training diverged in epoch 5 at minibatch 1 of 2: parameter 'W_hq' became NaN in the update"
                + ADVICE, e.getMessage());
        assertEquals(Quantity.PARAMETER, e.quantity());
        assertEquals("W_hq", e.parameter());
        assertDoesNotThrow(() -> guard.parameters(List.of("b_q"), new double[][] {{1e300, -1e300}}));
    }

    @Test
    void nonFinitePerplexitiesAfterTheEpochAreDivergence() {
        guard.at(1, 7, 8);
        assertDoesNotThrow(() -> guard.perplexities(12.5, Double.NaN));
        TrainingDivergedException train = assertThrows(TrainingDivergedException.class,
                () -> guard.perplexities(Double.POSITIVE_INFINITY, 3.0));
        assertEquals("training diverged after epoch 2 (8 minibatches): the epoch's training perplexity (exp of its"
                + " mean minibatch loss) is Infinity" + ADVICE, train.getMessage());
        assertEquals(0, train.minibatch());
        TrainingDivergedException valid = assertThrows(TrainingDivergedException.class,
                () -> guard.perplexities(3.0, Double.POSITIVE_INFINITY));
        assertEquals(Quantity.VALIDATION, valid.quantity());
    }
}
