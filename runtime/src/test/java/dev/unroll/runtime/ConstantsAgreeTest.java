package dev.unroll.runtime;

import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.kernels.Dtype;
import org.junit.jupiter.api.Test;

/**
 * A cell whose constants feed a product, a concatenation, both sides of the elementwise ops, a bias row, a state and
 * an output agrees with the interpreter under every combination of passes: the readers that take a constant as a
 * scalar or fill their own scratch with it compute what the interpreter does.
 */
class ConstantsAgreeTest {

    @Test
    void everyCombinationOfPassesAgreesWithTheInterpreter() {
        Scenario scenario = Scenario.of("constants", LossCell.attach(CustomCells.constants(3, 4), "y",
                Loss.MEAN_SQUARED_ERROR));
        for (var passes : PassesAgreeTest.combinations()) {
            Agreement.check(scenario, Dtype.FLOAT64, Truncation.fixed(2), 5, Agreement.MAX_BATCH, 3, passes);
        }
        Agreement.check(scenario, Dtype.FLOAT32, Truncation.randomized(0.5), 4, 2, 5);
    }
}
