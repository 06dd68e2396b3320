package dev.unroll.compiler.model;

import dev.unroll.dsl.core.UnrollException;
import java.util.Arrays;

/**
 * Each row's length in the current batch and what follows from it: the mask and loss-weight inputs of a masked
 * program, how each step's loss is weighted, and the step at which each row ends. An unmasked program has every
 * row at full length, so one set of formulas serves both, and full rows give exactly the unmasked arithmetic.
 */
final class Lengths {

    private final boolean lastStepOnly;
    private final boolean masked;
    private final String what;
    private int[] lengths = new int[0];
    private double[][] mask = new double[0][];
    private double[][] weight = new double[0][];
    private boolean[] ends = new boolean[0];
    private int steps;
    private int batch;
    private long valid;

    /** The lengths of a sequence, named {@code what} in messages ({@code lengths}, {@code sourceLengths}). */
    Lengths(boolean masked, boolean lastStepOnly, String what) {
        this.masked = masked;
        this.lastStepOnly = lastStepOnly;
        this.what = what;
    }

    /**
     * Takes the lengths of a run of {@code steps} steps of {@code batch} rows ({@code given} null: every row full);
     * allocates only when the batch or the most steps so far grows.
     */
    void set(int[] given, int newSteps, int newBatch) {
        if (given != null) {
            check(given, newSteps, newBatch);
        }
        if (newBatch != batch || newSteps > mask.length) {
            lengths = new int[newBatch];
            mask = new double[newSteps][newBatch];
            weight = new double[newSteps][newBatch];
            ends = new boolean[newSteps];
        }
        steps = newSteps;
        batch = newBatch;
        valid = 0;
        Arrays.fill(ends, false);
        for (int r = 0; r < batch; r++) {
            lengths[r] = given == null ? steps : given[r];
            valid += lengths[r];
            ends[lengths[r] - 1] = true;
        }
        for (int t = 0; t < steps; t++) {
            for (int r = 0; r < batch; r++) {
                mask[t][r] = t < lengths[r] ? 1.0 : 0.0;
                weight[t][r] = lastStepOnly ? (t == lengths[r] - 1 ? 1.0 : 0.0) : mask[t][r];
            }
        }
    }

    private void check(int[] given, int newSteps, int newBatch) {
        if (given.length != newBatch) {
            throw new UnrollException("ProgramExecutor.forward: " + what + " has " + given.length + " entries for a"
                    + " batch of " + newBatch + " rows; give one length per row");
        }
        for (int r = 0; r < given.length; r++) {
            if (given[r] < 1 || given[r] > newSteps) {
                throw new UnrollException("ProgramExecutor.forward: " + what + ": row " + r + " has length "
                        + given[r] + ", but a length must lie in [1, " + newSteps + "] for " + newSteps + " steps; pad"
                        + " rows to the longest and give each row's own length");
            }
            if (!masked && given[r] != newSteps) {
                throw new UnrollException("ProgramExecutor.forward: row " + r + " has length " + given[r] + " of "
                        + newSteps + " steps, but the program is not masked; build the model with"
                        + " Model.Builder.masked() to run rows of different lengths");
            }
        }
    }

    /** The mask input at step {@code t}: {@code b} values, 1 where the row's step is valid. */
    double[] mask(int t) {
        return mask[t];
    }

    /** The loss-weight input at step {@code t}: the mask, or 1 at each row's last valid step for a last-step head. */
    double[] weight(int t) {
        return weight[t];
    }

    /**
     * The contribution of step {@code t}'s loss (the mean over rows of its weighted per-row loss) to the loss. Every
     * step: divided by {@code N / B} ({@code N} valid positions), which is exactly {@code T} when every row is full.
     * Last step: the step's loss where some row ends (each row counted once, at its end), else nothing.
     */
    double share(int t, double stepLoss) {
        if (lastStepOnly) {
            return ends[t] ? stepLoss : 0.0;
        }
        return stepLoss / ((double) valid / batch);
    }

    /** The seed of step {@code t}'s loss, the derivative of {@link #share} by the step's loss. */
    double seed(int t) {
        return share(t, 1.0);
    }

    /** Time {@code t} of row {@code r} reversed within the row's length; padding keeps its place. Its own inverse. */
    int reversed(int t, int r) {
        return t < lengths[r] ? lengths[r] - 1 - t : t;
    }

    /** The step at which row {@code r} ends (its length − 1). */
    int lastStep(int r) {
        return lengths[r] - 1;
    }
}
