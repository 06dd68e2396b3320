package dev.unroll.compiler.emit;

import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.compiler.passes.schedule.DeferWeightGradients;
import dev.unroll.compiler.passes.schedule.FuseElementwise;
import dev.unroll.compiler.passes.schedule.HoistInputs;
import dev.unroll.compiler.passes.schedule.MergeProducts;
import dev.unroll.compiler.passes.schedule.Scheduled;
import dev.unroll.compiler.passes.schedule.TransposeWeights;

/**
 * The optimization passes a kernel's program goes through ({@code compiler/.../passes}), each switchable so that its
 * effect can be measured by turning it off (docs/PERFORMANCE.md). Every combination computes the same values, up to
 * rounding.
 *
 * @param hoistInputs compute the nodes that depend only on inputs and parameters (the input projections
 *                    {@code x·W_x*}) for every step before the time loop, as one call over all steps' rows where the
 *                    op works row by row
 * @param deferWeightGradients accumulate each weight gradient {@code Σ_t a_tᵀ·b_t} as one product over all steps'
 *                             rows after the backward loop, instead of a product and an addition per step; only
 *                             where that pays: in kernels of at most 16 rows, or for parameters of at most 32,768
 *                             values ({@code DeferWeightGradients.MAX_BATCH}, {@code DeferWeightGradients.MAX_VALUES})
 * @param transposeWeights transpose once per backward pass the parameters the backward products read transposed
 *                         ({@code d·Wᵀ}), so each step runs a product on rows instead of transposing again
 * @param fuseElementwise order each step so that the row-wise elementwise nodes run in chains, and run each chain
 *                        as one loop over tiles of rows, every node of the chain on a tile while it is in cache
 * @param mergeProducts run the forward products of one value by several parameters in the time loop (an LSTM's
 *                      {@code h·W_hi}, {@code h·W_hf}, {@code h·W_ho}, {@code h·W_hc}) as one product by the
 *                      parameters packed side by side once per forward pass, whose blocks of columns are then copied
 *                      out; only where the parameters are small enough for that to pay
 *                      ({@code MergeProducts.LIMIT})
 */
public record Passes(boolean hoistInputs, boolean deferWeightGradients, boolean transposeWeights,
                     boolean fuseElementwise, boolean mergeProducts) {

    /** Every pass: the default. */
    public static final Passes ALL = new Passes(true, true, true, true, true);

    /** No pass: one call per node per step, as the cell is written. */
    public static final Passes NONE = new Passes(false, false, false, false, false);

    /**
     * The program of {@code adjoint} for a kernel of at most {@code maxBatch} rows: every node in its step, then
     * each pass of these in turn, each an IR rewrite whose result prints ({@code ScheduleListing}).
     */
    public Scheduled schedule(Adjoint adjoint, int maxBatch) {
        Scheduled program = Scheduled.of(adjoint);
        if (hoistInputs) {
            program = HoistInputs.apply(program);
        }
        if (deferWeightGradients) {
            program = DeferWeightGradients.apply(program, maxBatch);
        }
        if (transposeWeights) {
            program = TransposeWeights.apply(program);
        }
        if (mergeProducts) {
            program = MergeProducts.apply(program);
        }
        return fuseElementwise ? FuseElementwise.apply(program) : program;
    }

    /** These passes without hoisting. */
    public Passes withoutHoisting() {
        return new Passes(false, deferWeightGradients, transposeWeights, fuseElementwise, mergeProducts);
    }

    /** These passes without deferred weight gradients. */
    public Passes withoutDeferredGradients() {
        return new Passes(hoistInputs, false, transposeWeights, fuseElementwise, mergeProducts);
    }

    /** These passes without transposed weights. */
    public Passes withoutTransposedWeights() {
        return new Passes(hoistInputs, deferWeightGradients, false, fuseElementwise, mergeProducts);
    }

    /** These passes without fused elementwise chains. */
    public Passes withoutFusion() {
        return new Passes(hoistInputs, deferWeightGradients, transposeWeights, false, mergeProducts);
    }

    /** These passes without merged products. */
    public Passes withoutMergedProducts() {
        return new Passes(hoistInputs, deferWeightGradients, transposeWeights, fuseElementwise, false);
    }
}
