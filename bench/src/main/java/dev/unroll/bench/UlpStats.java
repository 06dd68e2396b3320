package dev.unroll.bench;

import java.util.Locale;

/**
 * The errors of one function over a set of points, in ulps: the maximum and where it occurred, the mean, how many
 * exceed one ulp, and the points where exactly one of the result and the reference is finite (mismatches).
 */
final class UlpStats {

    private long points;
    private double sum;
    private double max = -1;
    private double argMax = Double.NaN;
    private long aboveOne;
    private long mismatches;
    private double firstMismatch = Double.NaN;

    void add(double x, double ulps) {
        points++;
        if (ulps == Double.POSITIVE_INFINITY) {
            if (mismatches++ == 0) {
                firstMismatch = x;
            }
            return;
        }
        sum += ulps;
        if (ulps > 1) {
            aboveOne++;
        }
        if (ulps > max) {
            max = ulps;
            argMax = x;
        }
    }

    long points() {
        return points;
    }

    /** One Markdown table row: points, max, where, mean, share above one ulp, mismatches. */
    String cells() {
        long finite = points - mismatches;
        String mismatch = mismatches == 0 ? "0" : String.format(Locale.ROOT, "%,d (first at %s)", mismatches,
                firstMismatch);
        return String.format(Locale.ROOT, "%,d | %s | %s | %.4f | %.2e | %s", points, format(max), argMax,
                finite == 0 ? 0 : sum / finite, finite == 0 ? 0 : (double) aboveOne / finite, mismatch);
    }

    private static String format(double ulps) {
        return ulps < 1000 ? String.format(Locale.ROOT, "%.3f", ulps) : String.format(Locale.ROOT, "%.3g", ulps);
    }
}
