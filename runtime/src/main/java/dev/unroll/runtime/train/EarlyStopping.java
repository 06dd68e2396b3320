package dev.unroll.runtime.train;

import dev.unroll.compiler.model.ParamStore;
import dev.unroll.dsl.core.UnrollException;

/**
 * Stops a run once the validation metric has not improved for {@code patience} epochs in a row, keeping the
 * parameters of the best epoch. Its whole state (the best value, its epoch and parameters) is readable and
 * restorable, so that a resumed run stops exactly where an uninterrupted one would.
 */
public final class EarlyStopping {

    private final Metric metric;
    private final int patience;
    private double best = Double.NaN;
    private int bestEpoch;
    private ParamStore bestParams;

    /** Patience {@code patience} ≥ 1 epochs on {@code metric}. */
    public EarlyStopping(Metric metric, int patience) {
        if (patience < 1) {
            throw new UnrollException("--early-stopping needs a patience of at least 1 epoch, got " + patience);
        }
        this.metric = metric;
        this.patience = patience;
    }

    /** Records the validation value of epoch {@code epoch} (from 1) with its parameters. */
    public void record(int epoch, double value, ParamStore params) {
        if (metric.better(value, best)) {
            best = value;
            bestEpoch = epoch;
            bestParams = params.copy();
        }
    }

    /** Whether to stop after {@code epochsDone} epochs: the best lies {@code patience} epochs back. */
    public boolean stop(int epochsDone) {
        return bestEpoch > 0 && epochsDone - bestEpoch >= patience;
    }

    /** The patience in epochs. */
    public int patience() {
        return patience;
    }

    /** The best validation value so far ({@code NaN} before the first epoch). */
    public double best() {
        return best;
    }

    /** The epoch (from 1) of the best value, 0 before the first. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The parameters of the best epoch ({@code null} before the first). */
    public ParamStore bestParams() {
        return bestParams;
    }

    /** Restores a saved state: the best value, its epoch and its parameters. */
    public void restore(double newBest, int newBestEpoch, ParamStore params) {
        best = newBest;
        bestEpoch = newBestEpoch;
        bestParams = params.copy();
    }
}
