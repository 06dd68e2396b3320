package dev.unroll.compiler.unroll;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.autodiff.SmallStack;
import dev.unroll.compiler.bptt.Bptt;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.gradcheck.CellCheck;
import dev.unroll.compiler.gradcheck.GradCheck;
import dev.unroll.compiler.gradcheck.SequenceData;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.cells.Cells;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A sequence of 10,000 steps: rolled BPTT and the explicit unrolled graph (about 80,000 nodes) with its adjoint
 * run on a thread with a 256 KiB stack, and still agree. The seed sits on the last output only: it reaches back
 * through every step.
 */
class TenThousandStepsTest {

    private static final int STEPS = 10_000;

    @Test
    void bpttAndTheUnrolledAdjointAgreeWithoutDeepStacks() throws Exception {
        Cell rnn = Cells.rnn(1, 2);
        SequenceData data = GradCheck.cell(rnn).steps(STEPS).batch(1).seed(4).sequenceData();
        List<Map<String, Mat>> inputs = new ArrayList<>();
        List<Map<String, Mat>> seeds = new ArrayList<>();
        for (int t = 0; t < STEPS; t++) {
            inputs.add(Map.of("x", data.inputs().get(t).get("x")));
            seeds.add(Map.of("y", t == STEPS - 1 ? Mat.of(1, 2, 1.0, -0.5) : Mat.zeros(1, 2)));
        }
        SequenceData run = new SequenceData(inputs, data.initialStates(), data.params());
        Bptt.Gradients rolled = SmallStack.call(() -> Bptt.run(Autodiff.adjoint(rnn), inputs, run.initialStates(),
                run.params(), seeds, Truncation.full().carry(STEPS, 0)).gradients());
        Bptt.Gradients unrolled = SmallStack.call(() -> UnrolledGradients.of(rnn, Set.of(), inputs,
                run.initialStates(), run.params(), seeds, run.noise()));
        GradCheck.compare("the unrolled graph", CellCheck.byVariable(rolled, run), CellCheck.byVariable(unrolled, run),
                GradCheck.DEFAULT_FLOOR).assertWithin(1e-12);
        assertTrue(Unroller.unroll(rnn, 2).graph().size() * STEPS / 2 > 70_000, "the unrolled graph is large");
    }
}
