package dev.unroll.compiler.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.bptt.Bptt;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.compiler.unroll.Unroller;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Init;
import dev.unroll.dsl.cells.Cells;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Shape;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The interpreter's entry points, matrices, initial draws, unrolling and BPTT check their arguments: each misuse
 * found by the campaign fails with an {@link UnrollException} stating the rule and the value, never with a raw
 * JVM exception.
 */
class EntryPointErrorsTest {

    private static final Cell RNN = Cells.rnn(2, 3);

    @Test
    void matricesOfImpossibleSizes() {
        assertMessage("Mat.zeros: a matrix needs at least 1 row and 1 column, got -1×2", () -> Mat.zeros(-1, 2));
        assertMessage("Mat.zeros: a matrix would hold 65536×65536 = 4294967296 elements, but a value holds from 0 to"
                + " 2147483639 (the longest Java array); use smaller dimensions", () -> Mat.zeros(65536, 65536));
        assertMessage("Mat.of: data is null; every argument must be given (not null)", () -> Mat.of(1, 2, null));
        assertMessage("Mat.rows: row 1 is null; every argument must be given (not null)",
                () -> Mat.rows(new double[] {1}, null));
        assertMessage("Mat.get: (2, 0) is outside this 2×3 matrix; rows count from 0 to 1, columns from 0 to 2",
                () -> Mat.zeros(2, 3).get(2, 0));
        assertMessage("Mat.plus: other is null; every argument must be given (not null)",
                () -> Mat.zeros(2, 3).plus(null));
    }

    @Test
    void bpttOverZeroStepsStatesTheRuleLikeTheCompiledPath() {
        var adjoint = Autodiff.adjoint(LossCell.attach(RNN, "y", Loss.MEAN_SQUARED_ERROR), List.of(LossCell.LOSS));
        assertMessage("Bptt.loss: a sequence needs at least 1 step, got 0; pass the inputs of every step (an empty map"
                + " for a cell without inputs)",
                () -> Bptt.loss(adjoint, List.of(), Map.of(), Map.of(), new double[0]));
        assertMessage("Bptt.loss: inputs is null; every argument must be given (not null)",
                () -> Bptt.loss(adjoint, null, Map.of(), Map.of(), new double[0]));
        assertMessage("Bptt.run: a sequence needs at least 1 step, got 0; pass the inputs of every step (an empty map"
                + " for a cell without inputs)",
                () -> Bptt.run(adjoint, List.of(), Map.of(), Map.of(), List.of(), new double[0]));
    }

    @Test
    void interpreterEntryPointsNameTheirNullArgument() {
        assertMessage("Interpreter.step: cell is null; every argument must be given (not null)",
                () -> Interpreter.step(null, Map.of(), Map.of(), Map.of()));
        assertMessage("Interpreter.evaluate: bindings is null; every argument must be given (not null)",
                () -> Interpreter.evaluate(RNN.graph(), null));
        assertMessage("Interpreter.run: element 0 of inputs is null; every element must be given (not null)",
                () -> Interpreter.run(RNN, java.util.Arrays.asList((Map<String, Mat>) null), Map.of(), Map.of()));
        assertMessage("unroll: cell is null; every argument must be given (not null)", () -> Unroller.unroll(null, 2));
        assertMessage("unroll: 1000000 steps of cell 'rnn' (10 nodes) would make about 11000000 nodes, more than the"
                + " 1000000 an unrolled graph may have; unroll fewer steps (BPTT and compiled kernels run any length"
                + " without unrolling)", () -> Unroller.unroll(RNN, 1_000_000));
        assertMessage("ParamInit.draw: init is null; every argument must be given (not null)",
                () -> ParamInit.draw(Shape.of(2, 2), null, new Well19937c(1)));
        assertEquals(Mat.zeros(2, 2), ParamInit.draw(Shape.of(2, 2), Init.zeros(), new Well19937c(1)));
    }

    @Test
    void opRulesCheckTheValuesTheyAreGiven() {
        Node tanh = RNN.graph().node(9);
        assertMessage("OpSemantics.apply: %0 (input) needs a non-leaf node, one value per input (0) and a batch of at"
                + " least 1, got 0 values and batch 1; leaves are bound by name through Interpreter.evaluate",
                () -> OpSemantics.apply(RNN.graph().node(0), new Mat[0], 1));
        assertMessage("OpSemantics.apply: %9 (tanh) is declared [B×3] but the values given make it 2×4 with B = 2",
                () -> OpSemantics.apply(tanh, new Mat[] {Mat.zeros(2, 4)}, 2));
        assertMessage("OpSemantics.apply: the values given to %3 (matmul) do not fit its rule: matmul: inner"
                + " dimensions differ (3 ≠ 2); got [2×3], [2×3]",
                () -> OpSemantics.apply(RNN.graph().node(3), new Mat[] {Mat.zeros(2, 3), Mat.zeros(2, 3)}, 2));
        assertMessage("OpSemantics.apply: a value given to %9 (tanh) is null",
                () -> OpSemantics.apply(tanh, new Mat[] {null}, 2));
        assertEquals(Mat.zeros(2, 3), OpSemantics.apply(tanh, new Mat[] {Mat.zeros(2, 3)}, 2));
    }

    private static void assertMessage(String expected, Executable call) {
        assertEquals(expected, assertThrows(UnrollException.class, call).getMessage());
    }
}
