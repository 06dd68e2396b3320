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
 * non-finite perplexity after the epoch. It tracks the position in the run and allocates nothing unless it throws.
 */
final class DivergenceGuard {

    private final double maxLoss;
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
            throw diverged(Quantity.LOSS, "", loss, "the minibatch loss is " + loss, null);
        }
        if (loss > maxLoss) {
            throw diverged(Quantity.LOSS, "", loss, String.format(Locale.ROOT, "the minibatch loss %.4g (perplexity"
                    + " %.3g) exceeds the divergence bound %.4g (perplexity %.3g)", loss, Math.exp(loss), maxLoss,
                    Math.exp(maxLoss)), null);
        }
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

    /** Checks the epoch's perplexities: finite minibatch losses can still overflow {@code exp} of their mean. */
    void perplexities(double train, double validation) {
        minibatch = 0;
        if (!Double.isFinite(train)) {
            throw diverged(Quantity.LOSS, "", train, "the epoch's training perplexity (exp of its mean minibatch"
                    + " loss) is " + train, null);
        }
        if (!Double.isNaN(validation) && !Double.isFinite(validation)) {
            throw diverged(Quantity.VALIDATION, "", validation, "the validation perplexity is " + validation, null);
        }
    }

    private TrainingDivergedException diverged(Quantity quantity, String parameter, double value, String what,
                                               Throwable cause) {
        return TrainingDivergedException.of(new Position(epoch, minibatch, minibatches), quantity, parameter, value,
                what, cause);
    }
}
