package dev.unroll.check;

/**
 * Draws doubles: within a finite range (shrinking toward 0 or the bound nearest 0), or over all finite doubles
 * as sign, decimal exponent and mantissa choices (shrinking toward 0, then toward small round numbers).
 */
final class DoubleRange {

    private static final long UNIT = 1L << 53;
    private static final long SIDE_SCALE = 1L << 20;
    private static final long[] EXPONENT_BOUNDS = {2, 20, 300};
    private static final long MANTISSA_ONE = 100_000_000L;
    private static final long MANTISSA_MAX = 10 * MANTISSA_ONE - 1;

    private DoubleRange() {
    }

    static double draw(Choices c, double min, double max) {
        double value;
        if (min >= 0) {
            value = min + fraction(c) * (max - min);
        } else if (max <= 0) {
            value = max - fraction(c) * (max - min);
        } else {
            boolean negative = negativeSide(c, min, max);
            double f = fraction(c);
            // f == 0 must give +0.0, not -0.0, so that the simplest value is the same on both sides.
            value = f == 0 ? 0.0 : negative ? f * min : f * max;
        }
        return Math.min(max, Math.max(min, value));
    }

    /** A fraction in [0, 1], with both ends favoured so that the bounds of a range are edge cases. */
    private static double fraction(Choices c) {
        return c.drawBiased(UNIT, 0, UNIT) / (double) UNIT;
    }

    private static boolean negativeSide(Choices c, double min, double max) {
        // Halving first keeps max - min finite even for [-Double.MAX_VALUE, Double.MAX_VALUE].
        double positiveShare = (max / 2) / (max / 2 - min / 2);
        long threshold = Math.max(1, Math.min(SIDE_SCALE - 1, Math.round(positiveShare * SIDE_SCALE)));
        return c.drawBiased(SIDE_SCALE - 1, 0, SIDE_SCALE - 1) >= threshold;
    }

    static double any(Choices c) {
        boolean negative = c.draw(1) == 1;
        long bound = EXPONENT_BOUNDS[(int) c.draw(EXPONENT_BOUNDS.length - 1)];
        boolean negativeExponent = c.draw(1) == 1;
        long exponent = c.drawBiased(bound, 0, bound);
        long mantissa = c.drawBiased(MANTISSA_MAX, 0, MANTISSA_ONE);
        // Decimal parsing is correctly rounded, so 1e300 and 1e-300 come out exactly as written.
        long scale = (negativeExponent ? -exponent : exponent) - 8;
        double magnitude = Double.parseDouble(mantissa + "E" + scale);
        return negative ? -magnitude : magnitude;
    }

    static void checkRange(String factory, double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
            throw new IllegalArgumentException(factory + " needs finite bounds with min <= max, got min=" + min
                    + ", max=" + max + "; use Gens.doubles() for unbounded finite doubles");
        }
    }
}
