package dev.unroll.compiler.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unroll.compiler.autodiff.OpCases;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.cells.Cells;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.ir.Op;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The forward-mode oracle: right on a closed form, and in agreement with reverse mode on every op. */
class ForwardOracleTest {

    @Test
    void matchesTheClosedFormOfAOneUnitRnn() {
        // h1 = tanh(w·x + u·h0), loss = (h1 − y)² over one step and one row: d/dw = 2(h1 − y)(1 − h1²)·x.
        Cell cell = Cell.define("one", c -> {
            var x = c.input("x", 1);
            var h = c.state("h", 1);
            var next = x.matmul(c.weight("w", 1, 1)).add(h.matmul(c.weight("u", 1, 1))).tanh();
            c.next(h, next).output("y", next);
        });
        double x = 0.3;
        double h0 = -0.4;
        double w = 0.7;
        double u = 1.1;
        double y = 0.25;
        SequenceData data = new SequenceData(List.of(Map.of("x", Mat.of(1, 1, x),
                LossCell.targetName("y"), Mat.of(1, 1, y))), Map.of("h", Mat.of(1, 1, h0)),
                Map.of("w", Mat.of(1, 1, w), "u", Mat.of(1, 1, u)));
        Map<String, Mat> g = ForwardOracle.gradients(LossCell.attach(cell, "y", Loss.MEAN_SQUARED_ERROR), data,
                new double[] {1.0});
        double h1 = Math.tanh(w * x + u * h0);
        double common = 2 * (h1 - y) * (1 - h1 * h1);
        assertEquals(common * x, g.get("w").get(0, 0), 1e-15);
        assertEquals(common * h0, g.get("u").get(0, 0), 1e-15);
        assertEquals(common * u, g.get("h").get(0, 0), 1e-15);
        assertEquals(common * w, g.get("x__t0").get(0, 0), 1e-15);
    }

    @ParameterizedTest
    @EnumSource(Op.class)
    void agreesWithReverseModeOnEveryOp(Op op) {
        if (op.isLeaf()) {
            return;
        }
        OpCases c = OpCases.of(op).orElseThrow();
        GradCheck.cell(c.cell()).data(c.data()).forwardMode().assertWithin(1e-10);
    }

    @Test
    void detachedStateEntersWithItsValueAndNoGradient() {
        Cell rnn = Cells.rnn(2, 3);
        CellCheck full = GradCheck.cell(rnn).steps(3).batch(2).seed(5);
        double[] cut = {1.0, 0.0, 1.0};
        Map<String, Mat> g = ForwardOracle.gradients(full.lossCell(), full.sequenceData(), cut);
        // With the state cut entering step 1, the initial state only reaches the loss of step 0.
        CellCheck oneStep = GradCheck.cell(rnn).data(new SequenceData(full.sequenceData().inputs().subList(0, 1),
                full.sequenceData().initialStates(), full.sequenceData().params()));
        Map<String, Mat> first = ForwardOracle.gradients(oneStep.lossCell(), oneStep.sequenceData(), new double[] {1});
        double[] expected = first.get("h").times(1.0 / 3).data();
        double[] actual = g.get("h").data();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-15);
        }
    }

    @Test
    void rejectsCarryFactorsOfTheWrongLength() {
        CellCheck check = GradCheck.cell(Cells.rnn(1, 1)).steps(3);
        UnrollException e = assertThrows(UnrollException.class,
                () -> ForwardOracle.gradients(check.lossCell(), check.sequenceData(), new double[2]));
        assertEquals("a sequence of 3 steps needs 3 carry factors, got 2", e.getMessage());
    }
}
