package dev.unroll.runtime.train;

import java.util.Locale;

/**
 * The global gradient norms of one epoch, before clipping, as the lecture reads them: a large maximum shows
 * exploding gradients, a tiny mean vanishing ones, and the share of clipped steps how often clipping acted.
 *
 * @param steps the training steps of the epoch
 * @param mean the mean global L2 norm over those steps
 * @param max the largest global L2 norm
 * @param clipped the steps whose norm exceeded the threshold θ and were scaled down
 * @param threshold θ, or 0 when clipping is off
 */
public record GradientNorms(int steps, double mean, double max, int clipped, double threshold) {

    /** The share of steps that were clipped, in [0, 1] (0 without steps). */
    public double clippedFraction() {
        return steps == 0 ? 0 : (double) clipped / steps;
    }

    /** E.g. {@code grad norm mean 0.842 max 3.21 clipped 12% (θ = 1)}, or {@code … (no clipping)}. */
    public String line() {
        String clipping = threshold > 0
                ? String.format(Locale.ROOT, "clipped %.0f%% (θ = %s)", 100 * clippedFraction(), compact(threshold))
                : "(no clipping)";
        return String.format(Locale.ROOT, "grad norm mean %.3g max %.3g %s", mean, max, clipping);
    }

    /** {@code v} to 3 significant digits without trailing zeros: {@code 1}, {@code 0.25}, {@code 1.5e+03}. */
    private static String compact(double v) {
        String s = String.format(Locale.ROOT, "%.3g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return e < 0 ? mantissa : mantissa + s.substring(e);
    }

    /** Sums an epoch's norms step by step without allocating. */
    static final class Accumulator {
        private final double threshold;
        private int steps;
        private double sum;
        private double max;
        private int clipped;

        Accumulator(double threshold) {
            this.threshold = threshold;
        }

        void reset() {
            steps = 0;
            sum = 0;
            max = 0;
            clipped = 0;
        }

        /** Adds one step's norm before clipping; returns whether clipping acted on it. */
        boolean add(double norm) {
            boolean clip = threshold > 0 && norm > threshold;
            steps++;
            sum += norm;
            max = Math.max(max, norm);
            clipped += clip ? 1 : 0;
            return clip;
        }

        GradientNorms summary() {
            return new GradientNorms(steps, steps == 0 ? 0 : sum / steps, max, clipped, threshold);
        }
    }
}
