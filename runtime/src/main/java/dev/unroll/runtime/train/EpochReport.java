package dev.unroll.runtime.train;

/**
 * What one epoch achieved: training perplexity (exp of the mean cross-entropy), validation perplexity ({@code NaN}
 * without a split), throughput and wall time.
 */
public record EpochReport(int epoch, double trainPerplexity, double validationPerplexity, double tokensPerSecond,
                          long tokens, double seconds) {

    /** One line of the training transcript, e.g. {@code epoch 3  perplexity 9.71  validation perplexity 10.2 …}. */
    public String line() {
        String valid = Double.isNaN(validationPerplexity) ? ""
                : String.format("  validation perplexity %.3f", validationPerplexity);
        return String.format("epoch %d  perplexity %.3f%s  %.0f tokens/s  (%.1f s)", epoch, trainPerplexity, valid,
                tokensPerSecond, seconds);
    }
}
