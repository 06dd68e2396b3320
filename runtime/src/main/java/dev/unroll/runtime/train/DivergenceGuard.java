package dev.unroll.runtime.train;

import dev.unroll.compiler.bptt.NonFiniteGradientException;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.train.TrainingDivergedException.Position;
import dev.unroll.runtime.train.TrainingDivergedException.Quantity;
import java.util.List;
import java.util.Locale;

/**
 * The checks that turn divergence into a {@link TrainingDivergedException} at the step where it happens: a
 * non-finite or too large minibatch loss, a non-finite gradient, a non-finite parameter after the update, and a
 * non-finite epoch figure (training perplexity or mean loss, validation metric) after the epoch. It tracks the
 * position in the run and the task's {@link Metric}, which names the loss and the figures in its messages, and
 * allocates nothing unless it throws.
 */
final class DivergenceGuard {

    private final double maxLoss;
    private Metric metric = Metric.PERPLEXITY;
    private int epoch;
    private int minibatch;
    private int minibatches;

    DivergenceGuard(double maxLoss) {
        this.maxLoss = maxLoss;
    }

    /** The next checks concern minibatch {@code index} (from 0) of {@code count} in epoch {@code epochIndex} (from 0). */
    void at(int epochIndex, int index, int count) {
        epoch = epochIndex + 1;
        minibatch = index + 1;
        minibatches = count;
    }

    /** The next checks concern a run judged by {@code judged}: a language model's, or another task's. */
    void judging(Metric judged) {
        metric = judged;
    }

    /** The epoch of the current position, from 1. */
    int epoch() {
        return epoch;
    }

    /** The minibatch of the current position, from 1. */
    int minibatch() {
        return minibatch;
    }

    void loss(double loss) {
        if (!Double.isFinite(loss)) {
            throw diverged(Quantity.LOSS, "", loss, "the minibatch " + lossName() + " is " + loss, null);
        }
        if (loss > maxLoss) {
            // A language model's bound is set as a perplexity (a multiple of the vocabulary), so it shows both.
            String what = metric == Metric.PERPLEXITY ? String.format(Locale.ROOT, "the minibatch loss %.4g"
                    + " (perplexity %.3g) exceeds the divergence bound %.4g (perplexity %.3g)", loss, Math.exp(loss),
                    maxLoss, Math.exp(maxLoss)) : String.format(Locale.ROOT, "the minibatch %s %.4g exceeds the"
                    + " divergence bound %.4g", lossName(), loss, maxLoss);
            throw diverged(Quantity.LOSS, "", loss, what, null);
        }
    }

    /** What a minibatch loss of the task is. */
    private String lossName() {
        return switch (metric) {
            case PERPLEXITY -> "loss";
            case ACCURACY, EXACT_MATCH -> "cross-entropy";
            case MSE -> "mean squared error";
        };
    }

    /** The divergence a non-finite gradient element found while clipping means here. */
    TrainingDivergedException gradient(NonFiniteGradientException e) {
        return diverged(Quantity.GRADIENT, e.parameter(), e.value(),
                "the gradient of '" + e.parameter() + "' is " + e.value(), e);
    }

    void gradientNorm(double norm) {
        if (!Double.isFinite(norm)) {
            throw diverged(Quantity.GRADIENT, "", norm, "the global gradient norm is " + norm, null);
        }
    }

    /** Checks every element of the updated parameters {@code params[i]}, named {@code names.get(i)}. */
    void parameters(List<String> names, double[][] params) {
        for (int i = 0; i < params.length; i++) {
            // v − v is 0 for a finite v and NaN otherwise: one branch-free pass per parameter on every step.
            double probe = 0;
            for (double v : params[i]) {
                probe += v - v;
            }
            if (Double.isNaN(probe)) {
                double bad = firstNonFinite(params[i]);
                throw diverged(Quantity.PARAMETER, names.get(i), bad,
                        "parameter '" + names.get(i) + "' became " + bad + " in the update", null);
            }
        }
    }

    private static double firstNonFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return v;
            }
        }
        throw new UnrollException("internal: a parameter summed to NaN but holds no non-finite value");
    }

    /**
     * Checks the epoch's figures: a language model's training perplexity (finite minibatch losses can still
     * overflow {@code exp} of their mean) or another task's mean training loss, and the validation metric ({@code
     * NaN}: no validation).
     */
    void epochFigures(double train, double validation) {
        minibatch = 0;
        if (!Double.isFinite(train)) {
            String figure = metric == Metric.PERPLEXITY ? "training perplexity (exp of its mean minibatch loss)"
                    : "mean training loss (" + lossName() + ")";
            throw diverged(Quantity.LOSS, "", train, "the epoch's " + figure + " is " + train, null);
        }
        if (!Double.isNaN(validation) && !Double.isFinite(validation)) {
            throw diverged(Quantity.VALIDATION, "", validation, "the validation " + metricName() + " is "
                    + validation, null);
        }
    }

    /** What the task's validation metric is. */
    private String metricName() {
        return switch (metric) {
            case PERPLEXITY -> "perplexity";
            case ACCURACY -> "accuracy";
            case EXACT_MATCH -> "exact match";
            case MSE -> "mean squared error";
        };
    }

    private TrainingDivergedException diverged(Quantity quantity, String parameter, double value, String what,
                                               Throwable cause) {
        return TrainingDivergedException.of(new Position(epoch, minibatch, minibatches), quantity, parameter, value,
                what, cause);
    }
}
