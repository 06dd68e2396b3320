package dev.unroll.runtime.train;

import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.model.Program;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.text.Sampling;

/**
 * The settings of a training run; the constructor rejects invalid values with the rule and the offending value.
 *
 * @param steps T, the length of each minibatch's sequences
 * @param batch B, the number of sequences per minibatch
 * @param epochs passes over the training split
 * @param learningRate the optimizer's learning rate
 * @param optimizer SGD or Adam
 * @param clip the global-norm threshold θ, or 0 for no clipping
 * @param truncation how far gradients flow back in time
 * @param sampling random or sequential minibatches
 * @param dtype float32 or float64 generated code
 * @param threads worker threads the batch is split across (at most one per row), or, for a batch of one row, the
 *     threads of the team that splits its large products by columns; 0 lets {@link ThreadChoice} choose per model
 *     and core count
 * @param seed the seed of parameters, minibatches and truncation draws
 * @param validationFraction the share of the token stream held out for validation (0 for none)
 * @param maxLoss the divergence bound: a minibatch whose mean loss exceeds it stops the run with a
 *     {@link TrainingDivergedException} ({@code Double.POSITIVE_INFINITY}: only non-finite values stop it)
 */
public record TrainConfig(int steps, int batch, int epochs, double learningRate, OptimizerKind optimizer,
                          double clip, Truncation truncation, Sampling sampling, Dtype dtype, int threads, long seed,
                          double validationFraction, double maxLoss) {

    /** The largest column-split team {@code threads = 0} chooses: the size measured to pay off. */
    private static final int MEASURED_TEAM = 2;

    /** The optimizers a run can use. */
    public enum OptimizerKind { SGD, ADAM }

    public TrainConfig {
        atLeast("steps (T)", steps, 1);
        atLeast("batch (B)", batch, 1);
        atLeast("epochs", epochs, 1);
        atLeast("threads (0 = chosen per model)", threads, 0);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new UnrollException("the learning rate must be finite and > 0, got " + learningRate);
        }
        if (!(clip >= 0) || Double.isInfinite(clip)) {
            throw new UnrollException("the clipping threshold θ must be finite and ≥ 0 (0 = no clipping), got " + clip);
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new UnrollException("the validation fraction must be in [0, 1), got " + validationFraction);
        }
        if (!(maxLoss > 0)) {
            throw new UnrollException("the divergence bound on the loss must be > 0 (infinity for none), got "
                    + maxLoss);
        }
        if (truncation instanceof Truncation.Fixed f && f.k() > steps) {
            throw new UnrollException("fixed truncation k = " + f.k() + " is longer than the sequence (T = " + steps
                    + "); use k ≤ T, or full truncation");
        }
        if (optimizer == null || truncation == null || sampling == null || dtype == null) {
            throw new UnrollException("a training run needs an optimizer, a truncation, a sampling mode and a dtype");
        }
    }

    /**
     * The d2l defaults for the character-level language model: T = 35, B = 32, SGD with lr 1, θ = 1; only
     * non-finite values count as divergence (the loss bound depends on the vocabulary: {@link #maxLossFor}).
     */
    public static TrainConfig defaults() {
        return new TrainConfig(35, 32, 30, 1.0, OptimizerKind.SGD, 1.0, Truncation.full(), Sampling.RANDOM,
                Dtype.FLOAT32, 1, 42, 0.1, Double.POSITIVE_INFINITY);
    }

    /**
     * The worker threads a trainer of {@code program} uses: {@code threads} when given (at most one per row of the
     * batch), else {@link ThreadChoice}'s choice for the model on this machine's cores.
     */
    public int workers(Program program) {
        if (threads == 0) {
            return ThreadChoice.workers(program, batch, steps, Runtime.getRuntime().availableProcessors());
        }
        return Math.min(threads, batch);
    }

    /**
     * The threads of the column-split team of a trainer of {@code program} ({@link ThreadChoice#team}): for a batch
     * of one row, up to {@code threads} when given, else up to two of this machine's cores (two threads
     * were measured, docs/PERFORMANCE.md), for a program with products large enough; else 1.
     */
    public int team(Program program) {
        int allowed = threads == 0 ? Math.min(MEASURED_TEAM, Runtime.getRuntime().availableProcessors()) : threads;
        return ThreadChoice.team(program, batch, workers(program), allowed);
    }

    /**
     * The loss bound at which a model over {@code vocabulary} tokens counts as diverged: perplexity {@code factor}
     * times that of uniform guessing (which is the vocabulary size), i.e. {@code ln(factor · vocabulary)} nats.
     */
    public static double maxLossFor(int vocabulary, double factor) {
        if (vocabulary < 1 || !(factor >= 1)) {
            throw new UnrollException("the divergence bound needs a vocabulary ≥ 1 and a factor ≥ 1, got "
                    + vocabulary + " and " + factor);
        }
        return Math.log(factor) + Math.log(vocabulary);
    }

    private static void atLeast(String what, int v, int min) {
        if (v < min) {
            throw new UnrollException(what + " must be at least " + min + ", got " + v);
        }
    }
}
