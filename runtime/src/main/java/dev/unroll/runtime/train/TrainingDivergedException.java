package dev.unroll.runtime.train;

import dev.unroll.dsl.core.UnrollException;

/**
 * Training diverged: a minibatch's loss, the global gradient norm, a parameter after the update or an epoch's
 * figure (the training perplexity or mean loss, the validation metric) became non-finite, or a minibatch's loss
 * passed {@link TrainConfig#maxLoss()}. It names the epoch, the minibatch, the quantity as the task knows it (a
 * language model's perplexity, another task's cross-entropy, mean squared error or accuracy) and the parameter. The run's {@link TrainingState} is then mid-epoch (and after a
 * non-finite parameter, corrupt): keep the state saved after the last completed epoch instead.
 */
public final class TrainingDivergedException extends UnrollException {

    private static final long serialVersionUID = 1L;

    private static final String ADVICE = "; lower the learning rate or clip gradients by global norm (d2l clips at"
            + " θ = 1)";

    /** The quantity that diverged. */
    public enum Quantity {
        /**
         * A training minibatch's loss (non-finite, or above the bound), or the epoch's training perplexity (a
         * language model) or mean training loss (another task).
         */
        LOSS,
        /** A gradient element, or the global gradient norm, before the update. */
        GRADIENT,
        /** A parameter after the optimizer's update. */
        PARAMETER,
        /** The task's metric on the validation split after the epoch ({@link Metric}). */
        VALIDATION
    }

    private final int epoch;
    private final int minibatch;
    private final Quantity quantity;
    private final String parameter;
    private final double value;

    private TrainingDivergedException(String message, int epoch, int minibatch, Quantity quantity, String parameter,
                                      double value, Throwable cause) {
        super(message, cause);
        this.epoch = epoch;
        this.minibatch = minibatch;
        this.quantity = quantity;
        this.parameter = parameter;
        this.value = value;
    }

    /** {@code quantity} (of {@code parameter}, or "" when it belongs to none) is {@code value}: {@code what}. */
    static TrainingDivergedException of(Position at, Quantity quantity, String parameter, double value, String what,
                                        Throwable cause) {
        return new TrainingDivergedException(at + ": " + what + ADVICE, at.epoch(), at.minibatch(), quantity,
                parameter, value, cause);
    }

    /** The epoch that diverged, from 1. */
    public int epoch() {
        return epoch;
    }

    /**
     * The minibatch of that epoch where it diverged, from 1; 0 when the epoch's figures, after its last minibatch,
     * diverged.
     */
    public int minibatch() {
        return minibatch;
    }

    /** What diverged. */
    public Quantity quantity() {
        return quantity;
    }

    /** The parameter whose gradient or value diverged, or "" for the loss, the global norm and validation. */
    public String parameter() {
        return parameter;
    }

    /** The offending value (non-finite, or the loss above the bound). */
    public double value() {
        return value;
    }

    /** Where in a run a check happened: epoch and minibatch, both from 1 (minibatch 0: after the epoch) of a total. */
    record Position(int epoch, int minibatch, int minibatches) {
        @Override
        public String toString() {
            return minibatch == 0 ? "training diverged after epoch " + epoch + " (" + minibatches + " minibatches)"
                    : "training diverged in epoch " + epoch + " at minibatch " + minibatch + " of " + minibatches;
        }
    }
}
