package dev.unroll.compiler.loss;

/**
 * A per-step loss, averaged over batch rows; a sequence's loss is the mean of the per-step losses over time.
 * Targets are bound as the input {@code target__<output>}.
 */
public enum Loss {
    /** Softmax cross-entropy of logits against integer class indices {@code [B×1]}. */
    SOFTMAX_CROSS_ENTROPY,
    /** Mean over features of the squared difference to a target of the output's shape (as PyTorch's MSELoss). */
    MEAN_SQUARED_ERROR
}
