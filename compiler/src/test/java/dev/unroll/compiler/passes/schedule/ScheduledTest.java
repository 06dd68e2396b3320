package dev.unroll.compiler.passes.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.cells.Cells;
import dev.unroll.dsl.core.UnrollException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each pass rewrites the program as its listing shows, and a program refuses to be made out of order. */
class ScheduledTest {

    private static Adjoint rnn() {
        return Autodiff.adjoint(LossCell.attach(Cells.rnn(2, 3), "y", Loss.MEAN_SQUARED_ERROR),
                List.of(LossCell.LOSS));
    }

    private static Scheduled all(Adjoint adjoint) {
        Scheduled p = HoistInputs.apply(Scheduled.of(adjoint));
        p = DeferWeightGradients.apply(p, 4);
        p = TransposeWeights.apply(p);
        p = MergeProducts.apply(p);
        return FuseElementwise.apply(p);
    }

    @Test
    void theUnoptimizedProgramRunsEveryNodeInItsOwnStep() {
        String listing = Scheduled.of(rnn()).toString();
        assertEquals(true, listing.startsWith("program rnn\nforward step t:\n  %3 = matmul %0 %2 : [Bx3]\n"),
                listing);
        assertEquals(false, listing.contains("before the forward loop"), listing);
        assertEquals(true, listing.contains("  next h = %9\n"), listing);
        assertEquals(true, listing.contains("  gradient of W_hh += %30\n"), listing);
    }

    @Test
    void constantsAreWrittenAsTheirValues() {
        String listing = Scheduled.of(rnn()).toString();
        assertEquals(true, listing.contains("  %26 = sub 1.0 %25 : [Bx3]\n"), listing);
        assertEquals(false, listing.contains("%24"), listing);
    }

    @Test
    void thePassesShowInTheListing() {
        String listing = all(rnn()).toString();
        assertEquals(true, listing.contains("before the forward loop:\n  %3 = matmul %0 %2 : [Bx3]  for all steps'"
                + " rows at once\n"), listing);
        assertEquals(true, listing.contains("before the backward loop:\n  T(W_xh) = transpose %2 : [3x2]\n"
                + "  T(W_hh) = transpose %4 : [3x3]\nbackward step t:\n"),
                listing);
        assertEquals(true, listing.contains("after the backward loop:\n  gradient of W_xh += sum over steps of"
                + " %32 = matmul_tn %0 %27 : [2x3]\n"), listing);
        assertEquals(true, listing.contains("chain %6 add, %8 add_bias, %9 tanh"), listing);
        assertEquals(false, listing.contains("gradient of W_xh += %32"), listing);
    }

    @Test
    void mergedProductsArePackedBeforeTheLoop() {
        Adjoint lstm = Autodiff.adjoint(LossCell.attach(Cells.lstm(2, 3), "y", Loss.MEAN_SQUARED_ERROR),
                List.of(LossCell.LOSS));
        String listing = MergeProducts.apply(HoistInputs.apply(Scheduled.of(lstm))).toString();
        assertEquals(true, listing.contains("  packed0 = [W_hi | W_hf | W_ho | W_hc]\n"), listing);
        assertEquals(1, listing.split("then each block of columns", -1).length - 1, listing);
    }

    @Test
    void everyPassKeepsEachNodeComputedOnceAfterItsOperands() {
        Adjoint lstm = Autodiff.adjoint(LossCell.attach(Cells.lstm(3, 4), "y", Loss.SOFTMAX_CROSS_ENTROPY),
                List.of(LossCell.LOSS));
        Scheduled program = all(lstm);
        long computed = lstm.cell().graph().nodes().stream().filter(n -> !n.op().isLeaf()).count();
        int placed = 0;
        for (Item item : program.items()) {
            placed += item instanceof Item.SumOverSteps ? 1 : item.computes().size();
        }
        assertEquals(computed, placed);
    }

    @Test
    void aProgramThatReadsAValueBeforeItIsComputedIsRefused() {
        Scheduled program = Scheduled.of(rnn());
        List<Item> reversed = new ArrayList<>(program.region(Region.FORWARD_STEP));
        java.util.Collections.reverse(reversed);
        UnrollException e = assertThrows(UnrollException.class,
                () -> new Scheduled(program.adjoint(), Map.of(Region.FORWARD_STEP, reversed,
                        Region.BACKWARD_STEP, program.region(Region.BACKWARD_STEP))));
        assertEquals("schedule: NextState[state=0] in region 'forward step t' reads %9 before it is computed; a"
                + " pass must keep every value computed before its readers", e.getMessage());
    }

    @Test
    void aProgramThatLosesANodeIsRefused() {
        Scheduled program = Scheduled.of(rnn());
        List<Item> backward = new ArrayList<>(program.region(Region.BACKWARD_STEP));
        backward.removeIf(item -> item.equals(new Item.AccumulateGradient(0, 32)) || item.equals(
                new Item.Compute(32)));
        UnrollException e = assertThrows(UnrollException.class, () -> program.with(Region.BACKWARD_STEP, backward,
                Region.AFTER_BACKWARD, List.of()));
        assertEquals("schedule: node %32 = matmul_tn %0 %27 : [2x3] is computed by no item; a pass must place each"
                + " computed node exactly once", e.getMessage());
    }
}
