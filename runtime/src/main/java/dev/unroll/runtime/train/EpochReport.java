package dev.unroll.runtime.train;

import java.util.Locale;

/**
 * What one epoch achieved: the training figure (perplexity, exp of the mean cross-entropy, for a language model;
 * the mean minibatch loss otherwise), the validation metric ({@code NaN} without validation data), the gradient
 * norms before clipping, throughput and wall time.
 */
public record EpochReport(int epoch, Metric metric, double train, double validation,
                          GradientNorms gradientNorms, double tokensPerSecond, long tokens, double seconds) {

    /**
     * One line of the training transcript, e.g. {@code epoch 3  perplexity 9.710  validation perplexity 10.200  grad
     * norm mean 0.842 max 3.21 clipped 12% (θ = 1)  59760 tokens/s  (2.2 s)}, or {@code epoch 3  loss 0.412
     * validation accuracy 0.8750 ...} for a task other than language modelling.
     */
    public String line() {
        String trained = metric == Metric.PERPLEXITY ? String.format(Locale.ROOT, "perplexity %.3f", train)
                : String.format(Locale.ROOT, "loss %.4f", train);
        String valid = Double.isNaN(validation) ? "" : "  " + metric.show("validation ", validation);
        return String.format(Locale.ROOT, "epoch %d  %s%s  %s  %.0f tokens/s  (%.1f s)", epoch, trained, valid,
                gradientNorms.line(), tokensPerSecond, seconds);
    }
}
