package dev.unroll.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.kernel.Dtype;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.cells.Cells;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two passes whose benefit depends on sizes apply where they were measured to pay: weight gradients are deferred
 * in kernels of at most {@link Schedule#DEFER_MAX_BATCH} rows, and products are merged when their parameters hold at
 * most {@link Schedule#MERGE_LIMIT} values.
 */
class SizeDependentPassesTest {

    private static String lstm(int hidden, int maxBatch) {
        return Emitter.emit(Autodiff.adjoint(LossCell.attach(Cells.lstm(3, hidden), "y", Loss.MEAN_SQUARED_ERROR),
                List.of(LossCell.LOSS)), EmitOptions.of("K", Dtype.FLOAT32, 4, maxBatch)).toString();
    }

    @Test
    void weightGradientsAreDeferredUpToTheBatchLimit() {
        assertEquals(true, lstm(4, Schedule.DEFER_MAX_BATCH).contains("weightGradients(steps, batch);"));
        assertEquals(false, lstm(4, Schedule.DEFER_MAX_BATCH + 1).contains("weightGradients("));
    }

    @Test
    void productsAreMergedUpToTheParameterLimit() {
        int largest = (int) Math.sqrt(Schedule.MERGE_LIMIT / 4.0);
        assertEquals(true, lstm(largest, 2).contains("products0(t, batch);"));
        assertEquals(false, lstm(largest + 1, 2).contains("products0("));
    }
}
