package dev.unroll.reference;

/**
 * A real number {@code (hi + lo)·2^scale} known to about 100 bits, as {@link ReferenceMath} computes it, and the
 * measure of a computed double or float against it in units in the last place (ulps). The scale keeps values that
 * would underflow or overflow a double exact, so the error of a subnormal result is measured as exactly as any other.
 */
public record ReferenceValue(double hi, double lo, int scale) {

    /** The value {@code v} exactly. */
    public static ReferenceValue of(double v) {
        return new ReferenceValue(v, 0, 0);
    }

    static ReferenceValue of(DoubleDouble v, int scale) {
        return new ReferenceValue(v.hi(), v.lo(), scale);
    }

    /** The nearest double (an infinity beyond the range of doubles, NaN for NaN). */
    public double toDouble() {
        return scale == 0 ? hi + lo : Math.scalb(hi + lo, scale);
    }

    /**
     * {@code |computed − this| / ulp}, where ulp is that of the double nearest to this value: 0 when both are the
     * same infinity or both NaN, infinite when only one of them is finite.
     */
    public double ulps(double computed) {
        double nearest = toDouble();
        return error(computed, nearest, Math.ulp(nearest));
    }

    /** As {@link #ulps(double)}, in units in the last place of the float nearest to this value. */
    public double ulps(float computed) {
        float nearest = (float) toDouble();
        return error(computed, nearest, Math.ulp(nearest));
    }

    private double error(double computed, double nearest, double ulp) {
        if (!Double.isFinite(nearest) || !Double.isFinite(computed)) {
            return Double.compare(computed, nearest) == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        if (scale == 0) {
            return Math.abs((computed - hi) - lo) / ulp;
        }
        // Scaling by 2^-scale is exact for a computed value near this one, and makes both parts comparable.
        double unit = Math.scalb(ulp, -scale);
        return Math.abs((Math.scalb(computed, -scale) - hi) - lo) / unit;
    }
}
