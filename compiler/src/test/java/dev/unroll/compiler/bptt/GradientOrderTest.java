package dev.unroll.compiler.bptt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.gradcheck.CellCheck;
import dev.unroll.compiler.gradcheck.GradCheck;
import dev.unroll.compiler.gradcheck.SequenceData;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.cells.Cells;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BPTT's results iterate in the cell's declaration order, the same in every JVM: clipping sums the gradients in that
 * order and a non-finite gradient is named in it. ({@code Map.copyOf} would iterate in a per-JVM random order.)
 */
class GradientOrderTest {

    @Test
    void gradientsIterateInDeclarationOrder() {
        Cell lstm = Cells.lstm(2, 3);
        CellCheck check = GradCheck.cell(lstm).steps(2);
        SequenceData d = check.sequenceData();
        Bptt.Gradients g = Bptt.loss(Autodiff.adjoint(check.lossCell(), List.of(LossCell.LOSS)), d.inputs(),
                d.initialStates(), d.params(), check.carry()).result().gradients();
        assertEquals(lstm.params().stream().map(Cell.Param::name).toList(), List.copyOf(g.params().keySet()));
        assertEquals(List.of("h", "c"), List.copyOf(g.initialStates().keySet()));
    }
}
