package dev.unroll.reference;

/**
 * The exponential, hyperbolic tangent, logistic function and natural logarithm of a double to about 100 bits, in
 * double-double arithmetic: the oracle against which the accuracy of {@link ArrayMath} is measured and tested (see
 * {@code docs/NUMERICS.md}). Hundreds of times slower than {@link Math}; no kernel calls it.
 *
 * <p>The exponential reduces {@code x = k·ln 2 + r} with a three-part {@code ln 2} (about 160 bits) and sums the
 * Taylor series of {@code exp(r)} for {@code |r| ≤ ln 2 / 2}; the logarithm writes {@code x = m·2ᵉ} with
 * {@code m ∈ [√½, √2]} and sums {@code log m = 2·atanh((m − 1)/(m + 1))}, which keeps the relative accuracy near 1.
 * Series terms stop below 2⁻¹¹⁰ of the sum.
 */
public final class ReferenceMath {

    private static final double LN2_HI = 0x1.62e42fefa39efp-1;
    private static final double LN2_MID = 0x1.abc9e3b39803fp-56;
    private static final double LN2_LO = 0x1.7b57a079a1934p-111;
    private static final double SQRT2 = 0x1.6a09e667f3bcdp0;

    /** {@code 1/n!} for {@code n ≤ 26}: {@code 0.35²⁶/26!} is below 2⁻¹¹⁰. */
    private static final DoubleDouble[] INVERSE_FACTORIALS = inverseFactorials(26);

    /** {@code 1/(2j + 1)} for {@code j ≤ 23}: {@code s² ≤ 0.0295}, and {@code 0.0295²³} is below 2⁻¹¹⁰. */
    private static final DoubleDouble[] INVERSE_ODDS = inverseOdds(23);

    /** Below this the exponential is under 2⁻¹⁵⁸⁰: zero to far under an ulp of any double. */
    private static final double EXP_NEGLIGIBLE = -1100;

    /** Above this the exponential overflows every double. */
    private static final double EXP_OVERFLOW = 710;

    private ReferenceMath() {
    }

    /** {@code eˣ}. */
    public static ReferenceValue exp(double x) {
        if (Double.isNaN(x) || x > EXP_OVERFLOW) {
            return ReferenceValue.of(x > EXP_OVERFLOW ? Double.POSITIVE_INFINITY : x);
        }
        if (x < EXP_NEGLIGIBLE) {
            return ReferenceValue.of(0.0);
        }
        double k = Math.rint(x / LN2_HI);
        return ReferenceValue.of(expSeries(reduce(x, k)), (int) k);
    }

    /** {@code tanh x}, as {@code expm1(2x) / (expm1(2x) + 2)}: the form keeps its relative accuracy near 0. */
    public static ReferenceValue tanh(double x) {
        if (Double.isNaN(x)) {
            return ReferenceValue.of(x);
        }
        double a = Math.abs(x);
        DoubleDouble t;
        if (a < 0.17) {
            DoubleDouble u = expm1Series(new DoubleDouble(2 * a, 0));
            t = u.dividedBy(u.plus(2));
        } else if (a < 40) {
            DoubleDouble e = expDd(2 * a);
            t = e.plus(-1).dividedBy(e.plus(1));
        } else {
            t = new DoubleDouble(1, -2 * Math.exp(-2 * a));
        }
        return ReferenceValue.of(Math.copySign(1.0, x) < 0 ? t.negate() : t, 0);
    }

    /** {@code 1 / (1 + e⁻ˣ)}, as {@code eˣ / (1 + eˣ)} for negative x, where the result may be subnormal. */
    public static ReferenceValue sigmoid(double x) {
        if (Double.isNaN(x) || x < EXP_NEGLIGIBLE) {
            return ReferenceValue.of(Double.isNaN(x) ? x : 0.0);
        }
        if (x >= 0) {
            // e⁻ˣ ≤ 1 is added to 1: what underflow takes from it is far below an ulp of the sum.
            DoubleDouble e = unscaled(exp(-x));
            return ReferenceValue.of(DoubleDouble.ONE.dividedBy(e.plus(1)), 0);
        }
        ReferenceValue e = exp(x);
        if (e.scale() < -200) {
            // e/(1 + e) = e·(1 − e + …): the correction is below 2⁻²⁰⁰ relative.
            return e;
        }
        DoubleDouble ed = unscaled(e);
        return ReferenceValue.of(ed.dividedBy(ed.plus(1)), 0);
    }

    /** {@code ln x}. */
    public static ReferenceValue log(double x) {
        if (!(x > 0) || x == Double.POSITIVE_INFINITY) {
            return ReferenceValue.of(x == 0 ? Double.NEGATIVE_INFINITY : x < 0 ? Double.NaN : x);
        }
        // Subnormals are scaled up exactly first, so m always has a full significand.
        int shift = Math.getExponent(x) < Double.MIN_EXPONENT ? 54 : 0;
        double normal = Math.scalb(x, shift);
        int e = Math.getExponent(normal);
        double m = Math.scalb(normal, -e);
        e -= shift;
        if (m > SQRT2) {
            m /= 2;
            e++;
        }
        DoubleDouble s = new DoubleDouble(m - 1, 0).dividedBy(DoubleDouble.sum(m, 1));
        DoubleDouble s2 = s.times(s);
        DoubleDouble p = INVERSE_ODDS[INVERSE_ODDS.length - 1];
        for (int j = INVERSE_ODDS.length - 2; j >= 0; j--) {
            p = p.times(s2).plus(INVERSE_ODDS[j]);
        }
        DoubleDouble eLn2 = DoubleDouble.product(e, LN2_HI).plus(DoubleDouble.product(e, LN2_MID)).plus(e * LN2_LO);
        return ReferenceValue.of(eLn2.plus(s.times(p).times(2)), 0);
    }

    /** {@code (hi + lo)·2^scale} as a double-double: exact while both parts stay normal. */
    private static DoubleDouble unscaled(ReferenceValue v) {
        return new DoubleDouble(v.hi(), v.lo()).scalb(v.scale());
    }

    /** {@code eˣ} as a double-double, for x whose exponential is a normal double. */
    private static DoubleDouble expDd(double x) {
        double k = Math.rint(x / LN2_HI);
        return expSeries(reduce(x, k)).scalb((int) k);
    }

    /** {@code x − k·ln 2}: the products with the first two parts of ln 2 are exact double-doubles. */
    private static DoubleDouble reduce(double x, double k) {
        return DoubleDouble.product(k, -LN2_HI).plus(x).plus(DoubleDouble.product(k, -LN2_MID)).plus(-k * LN2_LO);
    }

    private static DoubleDouble expSeries(DoubleDouble r) {
        DoubleDouble s = INVERSE_FACTORIALS[INVERSE_FACTORIALS.length - 1];
        for (int n = INVERSE_FACTORIALS.length - 2; n >= 0; n--) {
            s = s.times(r).plus(INVERSE_FACTORIALS[n]);
        }
        return s;
    }

    /** {@code eʳ − 1} without the constant term, so its relative accuracy holds for tiny r. */
    private static DoubleDouble expm1Series(DoubleDouble r) {
        DoubleDouble s = INVERSE_FACTORIALS[INVERSE_FACTORIALS.length - 1];
        for (int n = INVERSE_FACTORIALS.length - 2; n >= 1; n--) {
            s = s.times(r).plus(INVERSE_FACTORIALS[n]);
        }
        return s.times(r);
    }

    private static DoubleDouble[] inverseFactorials(int n) {
        DoubleDouble[] c = new DoubleDouble[n + 1];
        c[0] = DoubleDouble.ONE;
        for (int i = 1; i <= n; i++) {
            c[i] = c[i - 1].dividedBy(new DoubleDouble(i, 0));
        }
        return c;
    }

    private static DoubleDouble[] inverseOdds(int n) {
        DoubleDouble[] c = new DoubleDouble[n + 1];
        for (int j = 0; j <= n; j++) {
            c[j] = DoubleDouble.ONE.dividedBy(new DoubleDouble(2 * j + 1, 0));
        }
        return c;
    }
}
