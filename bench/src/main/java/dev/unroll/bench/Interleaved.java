package dev.unroll.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * Rates of two sides measured in alternating rounds (ours, theirs, ours, theirs, ...) after a warm-up round of each:
 * a load that comes and goes then weighs on both alike, so the ratio of the medians and the ratios of paired rounds
 * stay honest on a shared machine where the absolute figures do not.
 *
 * @param ours our rate in each round (higher is better: tokens/s or GFLOP/s)
 * @param theirs the peer's rate in each round, {@code null} when there is no peer
 */
record Interleaved(double[] ours, double[] theirs) {

    /** {@code rounds} timed rounds of each side after one warm-up round of each; {@code theirs} may be null. */
    static Interleaved measure(int rounds, DoubleSupplier ours, DoubleSupplier theirs) {
        ours.getAsDouble();
        if (theirs != null) {
            theirs.getAsDouble();
        }
        double[] a = new double[rounds];
        double[] b = theirs == null ? null : new double[rounds];
        for (int r = 0; r < rounds; r++) {
            a[r] = ours.getAsDouble();
            if (theirs != null) {
                b[r] = theirs.getAsDouble();
            }
        }
        return new Interleaved(a, b);
    }

    double oursMedian() {
        return median(ours);
    }

    double theirsMedian() {
        return theirs == null ? Double.NaN : median(theirs);
    }

    /** "ratio of medians (lowest–highest ratio of paired rounds)", or empty without a peer. */
    String ratio() {
        if (theirs == null) {
            return "";
        }
        double low = Double.POSITIVE_INFINITY;
        double high = 0;
        for (int r = 0; r < ours.length; r++) {
            low = Math.min(low, ours[r] / theirs[r]);
            high = Math.max(high, ours[r] / theirs[r]);
        }
        return String.format(Locale.ROOT, "**%.2f** (%.2f–%.2f)", oursMedian() / theirsMedian(), low, high);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
