package dev.unroll.runtime.train;

import dev.unroll.compiler.model.ParamStore;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;

/**
 * A trainer's part in data-parallel training of a language model: process {@code process} of {@code processes}
 * trains rows {@code [B·process/processes, B·(process+1)/processes)} of every global minibatch of B rows, each row a
 * stream whose states this process carries, and combines its work with the other processes' through {@code
 * exchange}, as {@code sync} says. {@link #single()} is one process, which is plain training.
 *
 * @param process this process's index, from 0
 * @param processes the number of processes, each of which trains at least one row
 * @param exchange sums across the processes in process order
 * @param sync what the processes exchange: gradients every step, or parameters every k steps
 */
public record DataParallel(int process, int processes, Exchange exchange, Sync sync) {

    private static final double[][] NO_ARRAYS = new double[0][];

    /** What the processes of a data-parallel run exchange. */
    public sealed interface Sync permits SumGradients, AverageParameters {
    }

    /**
     * Every step the loss and gradients, each process's weighted by its share of the global batch, are summed
     * before clipping and the optimizer step, so that every process applies the update of the global batch.
     */
    public record SumGradients() implements Sync {
    }

    /**
     * Each process updates with the gradient of its own rows (weighted by its share of its own rows), and after
     * every {@code every}-th step of an epoch and after its last the parameters are averaged; the optimizer's state
     * (Adam's moments) stays with each process. An approximation of training on the global batch.
     */
    public record AverageParameters(int every) implements Sync {

        public AverageParameters {
            if (every < 1) {
                throw new UnrollException("parameters are averaged every k ≥ 1 steps, got k = " + every
                        + "; pass a positive --average-every");
            }
        }
    }

    public DataParallel {
        Require.notNull(exchange, "new DataParallel", "exchange");
        Require.notNull(sync, "new DataParallel", "sync");
        if (processes < 1 || process < 0 || process >= processes) {
            throw new UnrollException("a data-parallel process index must be in [0, processes) with processes ≥ 1,"
                    + " got process " + process + " of " + processes);
        }
    }

    /** One process, the identity exchange, gradients summed: exactly training on one machine. */
    public static DataParallel single() {
        return new DataParallel(0, 1, Exchange.identity(), new SumGradients());
    }

    /** The first of this process's rows of a global minibatch of {@code batch} rows. */
    public int from(int batch) {
        return (int) ((long) batch * process / processes);
    }

    /** The end (exclusive) of this process's rows of a global minibatch of {@code batch} rows. */
    public int to(int batch) {
        return (int) ((long) batch * (process + 1) / processes);
    }

    /** Whether this process weighs its gradients by its share of its own rows (parameter averaging). */
    boolean weighsLocally() {
        return sync instanceof AverageParameters;
    }

    /**
     * Sums a step's loss and {@code gradients} across the processes when gradients are exchanged; returns the
     * global loss (under parameter averaging, this process's own).
     */
    double stepGradients(double loss, ParamStore gradients) {
        return sync instanceof SumGradients ? exchange.sum(loss, gradients.arrays()) : loss;
    }

    /**
     * Under parameter averaging after step {@code index} (from 0) of an epoch of {@code count}: averages {@code
     * params} across the processes when the step is the k-th or the epoch's last.
     */
    void afterStep(int index, int count, ParamStore params) {
        if (sync instanceof AverageParameters a && ((index + 1) % a.every() == 0 || index == count - 1)) {
            exchange.sum(0, params.arrays());
            for (double[] values : params.arrays()) {
                for (int j = 0; j < values.length; j++) {
                    values[j] /= processes;
                }
            }
        }
    }

    /**
     * An epoch's sum of step losses across the processes, given this process's sum and its share {@code share} of
     * the global batch: under gradient summing every step's loss already is global.
     */
    double epochLoss(double lossSum, double share) {
        return sync instanceof SumGradients ? lossSum : exchange.sum(lossSum * share, NO_ARRAYS);
    }

    /** The sum across the processes of this process's sum of evaluation losses, each weighted by its global share. */
    double evaluationLoss(double lossSum) {
        return exchange.sum(lossSum, NO_ARRAYS);
    }
}
