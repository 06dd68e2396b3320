package dev.unroll.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.compiler.passes.schedule.DeferWeightGradients;
import dev.unroll.compiler.passes.schedule.MergeProducts;
import dev.unroll.dsl.cells.Cells;
import dev.unroll.kernels.Dtype;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The two passes whose benefit depends on sizes apply where they were measured to pay: weight gradients are deferred
 * in kernels of at most {@link DeferWeightGradients#MAX_BATCH} rows or for parameters of at most
 * {@link DeferWeightGradients#MAX_VALUES} values, and products are merged when their parameters hold at most
 * {@link MergeProducts#LIMIT} values.
 */
class SizeDependentPassesTest {

    private static String lstm(int hidden, int maxBatch) {
        return Emitter.emit(Autodiff.adjoint(LossCell.attach(Cells.lstm(3, hidden), "y", Loss.MEAN_SQUARED_ERROR),
                List.of(LossCell.LOSS)), EmitOptions.of("K", Dtype.FLOAT32, 4, maxBatch)).toString();
    }

    @Test
    void weightGradientsAreDeferredUpToTheBatchLimitOrForSmallParameters() {
        int wide = (int) Math.sqrt(DeferWeightGradients.MAX_VALUES) + 1;
        assertEquals(true, deferred(lstm(wide, DeferWeightGradients.MAX_BATCH), "W_hi"));
        String large = lstm(wide, DeferWeightGradients.MAX_BATCH + 1);
        assertEquals(false, deferred(large, "W_hi"), "a [" + wide + "x" + wide + "] gate matrix at a large batch");
        assertEquals(true, deferred(large, "W_xi"), "a [3x" + wide + "] input matrix at a large batch");
    }

    /** Whether the source sums parameter {@code name}'s gradient after the backward loop. */
    private static boolean deferred(String source, String name) {
        return Pattern.compile("// g__" + name + " \\+= %\\d+ summed over the steps").matcher(source).find();
    }

    @Test
    void productsAreMergedUpToTheParameterLimit() {
        int largest = (int) Math.sqrt(MergeProducts.LIMIT / 4.0);
        assertEquals(true, lstm(largest, 2).contains("products0(t, batch);"));
        assertEquals(false, lstm(largest + 1, 2).contains("products0("));
    }
}
