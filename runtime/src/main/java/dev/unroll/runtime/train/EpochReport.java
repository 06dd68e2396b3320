package dev.unroll.runtime.train;

import java.util.Locale;

/**
 * What one epoch achieved: training perplexity (exp of the mean cross-entropy), validation perplexity ({@code NaN}
 * without a split), the gradient norms before clipping, throughput and wall time.
 */
public record EpochReport(int epoch, double trainPerplexity, double validationPerplexity,
                          GradientNorms gradientNorms, double tokensPerSecond, long tokens, double seconds) {

    /**
     * One line of the training transcript, e.g. {@code epoch 3  perplexity 9.710  validation perplexity 10.200  grad
     * norm mean 0.842 max 3.21 clipped 12% (θ = 1)  59760 tokens/s  (2.2 s)}.
     */
    public String line() {
        String valid = Double.isNaN(validationPerplexity) ? ""
                : String.format(Locale.ROOT, "  validation perplexity %.3f", validationPerplexity);
        return String.format(Locale.ROOT, "epoch %d  perplexity %.3f%s  %s  %.0f tokens/s  (%.1f s)", epoch,
                trainPerplexity, valid, gradientNorms.line(), tokensPerSecond, seconds);
    }
}
