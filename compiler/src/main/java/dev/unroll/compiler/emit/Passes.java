package dev.unroll.compiler.emit;

/**
 * The emitter's optimization passes, each switchable so that its effect can be measured by turning it off
 * (docs/PERFORMANCE.md). Every combination computes the same values, up to rounding.
 *
 * @param hoistInputs compute the nodes that depend only on inputs and parameters (the input projections
 *                    {@code x·W_x*}) for every step before the time loop, as one call over all steps' rows where the
 *                    op works row by row
 * @param deferWeightGradients accumulate each weight gradient {@code Σ_t a_tᵀ·b_t} as one product over all steps'
 *                             rows after the backward loop, instead of a product and an addition per step
 * @param transposeWeights transpose once per backward pass the parameters the backward products read transposed
 *                         ({@code d·Wᵀ}), so each step runs a product on rows instead of transposing again
 */
public record Passes(boolean hoistInputs, boolean deferWeightGradients, boolean transposeWeights) {

    /** Every pass: the default. */
    public static final Passes ALL = new Passes(true, true, true);

    /** No pass: one call per node per step, as the cell is written. */
    public static final Passes NONE = new Passes(false, false, false);

    /** These passes without hoisting. */
    public Passes withoutHoisting() {
        return new Passes(false, deferWeightGradients, transposeWeights);
    }

    /** These passes without deferred weight gradients. */
    public Passes withoutDeferredGradients() {
        return new Passes(hoistInputs, false, transposeWeights);
    }

    /** These passes without transposed weights. */
    public Passes withoutTransposedWeights() {
        return new Passes(hoistInputs, deferWeightGradients, false);
    }
}
