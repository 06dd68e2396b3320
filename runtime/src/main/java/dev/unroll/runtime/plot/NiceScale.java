package dev.unroll.runtime.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A linear axis scale whose ends and ticks are round numbers (1, 2 or 5 times a power of ten) enclosing the data,
 * mapping data values to pixel coordinates.
 */
record NiceScale(double low, double high, double step, double pixelLow, double pixelHigh) {

    /** A scale over at least {@code [min, max]} with about {@code ticks} ticks, drawn from pixelLow to pixelHigh. */
    static NiceScale of(double min, double max, int ticks, double pixelLow, double pixelHigh) {
        if (max - min < Math.ulp(max) * 16) {
            // A flat series still needs a visible range around it.
            double pad = Math.max(Math.abs(max) * 0.1, 1);
            min -= pad;
            max += pad;
        }
        double step = niceStep((max - min) / ticks);
        double low = Math.floor(min / step) * step;
        double high = Math.ceil(max / step) * step;
        return new NiceScale(low, high, step, pixelLow, pixelHigh);
    }

    /** An integer scale (e.g. epochs 1..n) with a whole-number step of at least 1. */
    static NiceScale ofIntegers(int first, int last, int ticks, double pixelLow, double pixelHigh) {
        int lastShown = Math.max(last, first + 1);
        double step = Math.max(1, Math.round(niceStep((lastShown - first) / (double) ticks)));
        return new NiceScale(first, lastShown, step, pixelLow, pixelHigh);
    }

    /** 1, 2 or 5 times a power of ten, the first at least {@code raw}. */
    static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double normalized = raw / magnitude;
        double nice = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    /** The pixel coordinate of {@code value}. */
    double pixel(double value) {
        return pixelLow + (value - low) / (high - low) * (pixelHigh - pixelLow);
    }

    /** The multiples of the step from low to high (inclusive, up to rounding). */
    List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        long first = (long) Math.ceil(low / step - 1e-9);
        long last = (long) Math.floor(high / step + 1e-9);
        for (long i = first; i <= last; i++) {
            ticks.add(i * step);
        }
        return ticks;
    }

    /** A tick label with just enough decimals for the step. */
    String label(double value) {
        int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
