package dev.unroll.compiler.bptt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.gradcheck.SequenceData;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Init;
import dev.unroll.dsl.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * BPTT names the parameter and the time step where a gradient stops being finite. The inputs are detached so that
 * the parameter's gradient is the only one that can go wrong.
 */
class NonFiniteGradientTest {

    private static final String SUFFIX = "; the update was not applied. Lower the learning rate, clip gradients, or"
            + " check the inputs (log of a non-positive value, division by zero)";

    @Test
    void logReachingZeroIsReportedAtItsStep() {
        // y = log(x·W): the input is 0 at step 3, so log's adjoint divides by 0 and W's gradient is 0·∞ = NaN.
        NonFiniteGradientException e = run(v -> v.log(), 3, 0.0);
        assertEquals("W", e.parameter());
        assertEquals(3, e.step());
        assertEquals("the gradient of 'W' is NaN at time step 3" + SUFFIX, e.getMessage());
    }

    @Test
    void anOverflowIsReportedAtItsStep() {
        // y = exp(x·W): exp(1000) overflows at step 2 and so does W's gradient.
        NonFiniteGradientException e = run(v -> v.exp(), 2, 1000.0);
        assertEquals("W", e.parameter());
        assertEquals(2, e.step());
        assertEquals("the gradient of 'W' is Infinity at time step 2" + SUFFIX, e.getMessage());
    }

    private static NonFiniteGradientException run(UnaryOperator<Value> f, int badStep, double bad) {
        Cell cell = Cell.define("fragile", c -> {
            var x = c.input("x", 1).detach();
            c.output("y", f.apply(x.matmul(c.param("W", 1, 1, Init.constant(1.0)))));
        });
        List<Map<String, Mat>> inputs = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
            inputs.add(Map.of("x", Mat.of(1, 1, t == badStep ? bad : 0.5),
                    LossCell.targetName("y"), Mat.of(1, 1, 0.1)));
        }
        SequenceData data = new SequenceData(inputs, Map.of(), Map.of("W", Mat.of(1, 1, 1.0)));
        Cell lossCell = LossCell.attach(cell, "y", Loss.MEAN_SQUARED_ERROR);
        return assertThrows(NonFiniteGradientException.class, () -> Bptt.loss(
                Autodiff.adjoint(lossCell, List.of(LossCell.LOSS)), data.inputs(), data.initialStates(), data.params(),
                Truncation.full().carry(5, 0)));
    }
}
