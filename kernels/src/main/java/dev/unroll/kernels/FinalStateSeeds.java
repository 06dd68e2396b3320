package dev.unroll.kernels;

import java.util.Arrays;

/**
 * The seeds of a kernel's final states, kept from {@link Kernel#setFinalStateSeed} until each backward pass writes
 * them where the adjoint enters the last step: block {@code T} of every state adjoint, zeros for a state without one.
 */
final class FinalStateSeeds {

    private final KernelSpec spec;
    private final double[][] values;
    private final int[] rows;

    /** Room for a seed of {@code maxBatch} rows (a fixed state's rows) per state of {@code spec}; none set. */
    FinalStateSeeds(KernelSpec spec) {
        this.spec = spec;
        values = new double[spec.states().size()][];
        for (int s = 0; s < values.length; s++) {
            values[s] = new double[spec.states().get(s).length(spec.maxBatch())];
        }
        rows = new int[values.length];
        Arrays.fill(rows, -1);
    }

    /** Keeps {@code seed} for state {@code state}, checked against the state's shape and the kernel's capacity. */
    void set(int state, double[] seed) {
        KernelSpec.Slot slot = spec.states().get(KernelChecks.index("state", state, rows.length));
        rows[state] = KernelChecks.rows("final-state seed", slot, seed.length, spec.maxBatch());
        System.arraycopy(seed, 0, values[state], 0, seed.length);
    }

    /** Forgets every seed, so that the final states are seeded with zeros again. */
    void clear() {
        Arrays.fill(rows, -1);
    }

    /**
     * Writes each state's seed, or zeros if it has none, into block {@code steps} of its adjoint buffer: the adjoint
     * flowing into step {@code steps − 1}, where the backward pass starts. A seed must have {@code batch} rows.
     */
    void enter(Store[] adjoints, int steps, int batch) {
        for (int s = 0; s < rows.length; s++) {
            KernelChecks.finalSeedRows(spec.states().get(s), rows[s], batch);
        }
        for (int s = 0; s < rows.length; s++) {
            KernelSpec.Slot slot = spec.states().get(s);
            int block = steps * slot.stride(spec.maxBatch());
            if (rows[s] < 0) {
                adjoints[s].clear(block, slot.length(batch));
            } else {
                adjoints[s].write(block, values[s], slot.length(batch));
            }
        }
    }
}
