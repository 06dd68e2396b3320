package dev.unroll.runtime.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unroll.compiler.bptt.NonFiniteGradientException;
import dev.unroll.runtime.train.TrainingDivergedException.Quantity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

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
    void aLanguageModelsNonFinitePerplexitiesAfterTheEpochAreDivergence() {
        guard.at(1, 7, 8);
        assertDoesNotThrow(() -> guard.epochFigures(12.5, Double.NaN));
        TrainingDivergedException train = assertThrows(TrainingDivergedException.class,
                () -> guard.epochFigures(Double.POSITIVE_INFINITY, 3.0));
        assertEquals("training diverged after epoch 2 (8 minibatches): the epoch's training perplexity (exp of its"
                + " mean minibatch loss) is Infinity" + ADVICE, train.getMessage());
        assertEquals(0, train.minibatch());
        TrainingDivergedException valid = assertThrows(TrainingDivergedException.class,
                () -> guard.epochFigures(3.0, Double.POSITIVE_INFINITY));
        assertEquals(Quantity.VALIDATION, valid.quantity());
        assertEquals("training diverged after epoch 2 (8 minibatches): the validation perplexity is Infinity" + ADVICE,
                valid.getMessage());
    }

    @Test
    void theOtherTasksNameTheirOwnLossAndMetric() {
        assertWording(Metric.ACCURACY, "the minibatch cross-entropy 185.0 exceeds the divergence bound 10.24",
                "the minibatch cross-entropy is NaN", "the epoch's mean training loss (cross-entropy) is NaN",
                "the validation accuracy is Infinity");
        assertWording(Metric.MSE, "the minibatch mean squared error 185.0 exceeds the divergence bound 10.24",
                "the minibatch mean squared error is NaN", "the epoch's mean training loss (mean squared error) is"
                + " NaN", "the validation mean squared error is Infinity");
    }

    /** What a run judged by {@code metric} says of a loss above the bound, a NaN loss, epoch and validation figures. */
    private void assertWording(Metric metric, String bound, String nanLoss, String nanEpoch,
                               String infiniteValidation) {
        guard.judging(metric);
        guard.at(0, 2, 4);
        assertEquals(bound, what(() -> guard.loss(185.0)));
        assertEquals(nanLoss, what(() -> guard.loss(Double.NaN)));
        assertEquals(nanEpoch, what(() -> guard.epochFigures(Double.NaN, 0.5)));
        assertEquals(infiniteValidation, what(() -> guard.epochFigures(0.5, Double.POSITIVE_INFINITY)));
    }

    /** What the divergence {@code check} throws says, between its position and the advice. */
    private static String what(Executable check) {
        String message = assertThrows(TrainingDivergedException.class, check).getMessage();
        return message.substring(message.indexOf(": ") + 2, message.length() - ADVICE.length());
    }
}
