package dev.unroll.kernels;

/**
 * {@code exp}, {@code log}, {@code tanh} and the logistic function of a double from IEEE 754 operations alone
 * (additions, multiplications, fused multiply-adds, one or two divisions, comparisons, and integer arithmetic on the
 * bits), so that a result depends only on the argument: not on the JIT tier, the instruction set or the vector
 * width. {@link PortableLanes} computes the same operations in the same order on whole vectors; the two give the same
 * bits, and the vector kernels use these methods for the elements that do not fill a vector.
 *
 * <p>The exponential reduces {@code x = k·ln 2 + r}, {@code |r| ≤ ln 2 / 2}, with fused multiply-adds and a two-part
 * {@code ln 2}, and evaluates {@code exp(r) = 1 + r + r²·P(r)}; the logarithm writes {@code x = 2ᵏ·z} with
 * {@code z ∈ [√½, √2)} and evaluates {@code log z = 2·atanh(s)}, {@code s = (z − 1)/(z + 1)}, as fdlibm does;
 * {@code tanh} is {@code x + x³·P(x²)} below 0.55 and {@code 1 − 2/(e^{2|x|} + 1)} above, and the logistic function
 * {@code 1/(1 + e^{−|x|})} or {@code e^{−|x|}/(1 + e^{−|x|})}, both with the exponential kept to about 106 bits
 * (a double-double) and the division corrected by its remainder. The polynomials are minimax fits (Remez, relative
 * error, 80-digit arithmetic); docs/NUMERICS.md gives the measured errors.
 */
final class PortableMath {

    static final long SIGN = Long.MIN_VALUE;
    /** {@code 1.5·2⁵²}: adding it rounds a double of magnitude below 2⁵¹ to an integer, which its low bits hold. */
    static final double SHIFT = 0x1.8p52;
    static final long SHIFT_BITS = Double.doubleToRawLongBits(SHIFT);
    static final double LOG2E = 0x1.71547652b82fep0;
    /** {@code ln 2} rounded to double, and the rest. */
    static final double LN2_HI = 0x1.62e42fefa39efp-1;
    static final double LN2_LO = 0x1.abc9e3b39803fp-56;

    /** The arguments beyond which {@code exp} is 0 or ∞ whatever the rounding; clamping to them keeps k small. */
    static final double EXP_MIN = -746;
    static final double EXP_MAX = 710;
    /** {@code P(r) ≈ (eʳ − 1 − r)/r²} on {@code |r| ≤ 0.3466}: relative error 2⁻⁵⁸·³. */
    static final double E0 = 0x1.0000000000000p-1;
    static final double E1 = 0x1.5555555555557p-3;
    static final double E2 = 0x1.555555555554ep-5;
    static final double E3 = 0x1.11111111100eep-7;
    static final double E4 = 0x1.6c16c16c1a074p-10;
    static final double E5 = 0x1.a01a01abdf0c4p-13;
    static final double E6 = 0x1.a01a01906245ap-16;
    static final double E7 = 0x1.71de024b1c8aap-19;
    static final double E8 = 0x1.27e510da57a59p-22;
    static final double E9 = 0x1.af4db8f72d857p-26;
    static final double E10 = 0x1.1f19f49c21183p-29;

    /** {@code ln 2} in two parts, the first with 32 significant bits, so {@code k·LOG_LN2_HI} is exact. */
    static final double LOG_LN2_HI = 0x1.62e42feep-1;
    static final double LOG_LN2_LO = 0x1.a39ef35793c76p-33;
    /** Added to the bits of {@code x}, carries into the exponent exactly when the significand is at least √2. */
    static final long LOG_OFFSET = 0x3ff0000000000000L - 0x3fe6a09e667f3bcdL;
    static final double TWO_54 = 0x1p54;
    /** {@code Q(z) ≈ (2·atanh(s) − 2s)/s³} for {@code z = s² ≤ 0.02944}: relative error 2⁻⁵¹. */
    static final double L0 = 0x1.5555555555558p-1;
    static final double L1 = 0x1.99999999952a7p-2;
    static final double L2 = 0x1.2492492df7084p-2;
    static final double L3 = 0x1.c71c62defb855p-3;
    static final double L4 = 0x1.7462b656a47afp-3;
    static final double L5 = 0x1.39fe2dee9bbdap-3;
    static final double L6 = 0x1.2b5a8681f7274p-3;

    /** Below this {@code tanh} is a polynomial; above, {@code 1 − 2/(e + 1)} is at least 0.5 and cancels nothing. */
    static final double TANH_POLY_MAX = 0.55;
    /** Above this {@code tanh} is 1 to the last bit; clamping keeps {@code e^{2x}} finite. */
    static final double TANH_MAX = 20;
    /** {@code P(u) ≈ (tanh x − x)/x³}, {@code u = x² ≤ 0.3025}: relative error 2⁻⁵⁵·³. */
    static final double T0 = -0x1.5555555555555p-2;
    static final double T1 = 0x1.1111111111032p-3;
    static final double T2 = -0x1.ba1ba1b9fecbep-5;
    static final double T3 = 0x1.664f4877146abp-6;
    static final double T4 = -0x1.226e32f040e13p-7;
    static final double T5 = 0x1.d6d3393d4eaacp-9;
    static final double T6 = -0x1.7d97d068e8cf9p-10;
    static final double T7 = 0x1.34c5ae30229a2p-11;
    static final double T8 = -0x1.ec10cf832d05fp-13;
    static final double T9 = 0x1.64fe4afa2a471p-14;
    static final double T10 = -0x1.59aa363d2cdacp-16;

    private PortableMath() {
    }

    /** {@code eˣ}. */
    static double exp(double x) {
        double xc = x < EXP_MIN ? EXP_MIN : x;
        xc = xc > EXP_MAX ? EXP_MAX : xc;
        double t = Math.fma(xc, LOG2E, SHIFT);
        double s = 1 + reduced(xc, t);
        return scale(s + expTail(xc, t), t);
    }

    /** {@code r = x − k·ln 2} for the k that {@code t} holds, rounded once from the exact value. */
    static double reduced(double x, double t) {
        double k = t - SHIFT;
        return Math.fma(k, -LN2_LO, Math.fma(k, -LN2_HI, x));
    }

    /**
     * {@code e^{x − k·ln 2} − s} for {@code r = }{@link #reduced} and {@code s = 1 + r} rounded: the rounding error
     * of {@code s}, exact, plus {@code rl·(1 + r) + r²·P(r)}, where {@code rl} is what {@code r} lost in rounding.
     * {@code s} plus this rounds once, where {@code 1 + (r + r²·P(r))} would round twice.
     */
    static double expTail(double x, double t) {
        double k = t - SHIFT;
        double r1 = Math.fma(k, -LN2_HI, x);
        double r = Math.fma(k, -LN2_LO, r1);
        double s = 1 + r;
        double rl = Math.fma(k, -LN2_LO, r1 - r);
        double p = Math.fma(E10, r, E9);
        p = Math.fma(p, r, E8);
        p = Math.fma(p, r, E7);
        p = Math.fma(p, r, E6);
        p = Math.fma(p, r, E5);
        p = Math.fma(p, r, E4);
        p = Math.fma(p, r, E3);
        p = Math.fma(p, r, E2);
        p = Math.fma(p, r, E1);
        p = Math.fma(p, r, E0);
        return ((1 - s) + r) + (Math.fma(rl, r, rl) + r * r * p);
    }

    /**
     * {@code m·2ᵏ} for the {@code k ∈ [−1076, 1025]} that {@code t} holds, as {@code m·2^{⌊k/2⌋}·2^{k−⌊k/2⌋}}: both
     * factors are normal and the first product is exact, so the scaling rounds only in the last multiplication, where
     * the result is subnormal or overflows.
     */
    static double scale(double m, double t) {
        long u = Double.doubleToRawLongBits(t) + (2048 - SHIFT_BITS);
        long h = u >>> 1;
        double first = Double.longBitsToDouble((h - 1) << 52);
        double second = Double.longBitsToDouble((u - h - 1) << 52);
        return m * first * second;
    }

    /** {@code 2ᵏ} for the {@code k ∈ [−1022, 1023]} that {@code t} holds. */
    static double pow2(double t) {
        return Double.longBitsToDouble((Double.doubleToRawLongBits(t) + 1023) << 52);
    }

    /** {@code ln x}. */
    static double log(double x) {
        boolean subnormal = x < Double.MIN_NORMAL;
        double xs = subnormal ? x * TWO_54 : x;
        long bits = Double.doubleToRawLongBits(xs);
        long biased = (bits + LOG_OFFSET) >>> 52;
        double f = Double.longBitsToDouble(bits - ((biased - 1023) << 52)) - 1;
        double k = Double.longBitsToDouble(biased + SHIFT_BITS) - (SHIFT + 1023);
        k = subnormal ? k - 54 : k;
        double s = f / (2 + f);
        double z = s * s;
        double q = Math.fma(L6, z, L5);
        q = Math.fma(q, z, L4);
        q = Math.fma(q, z, L3);
        q = Math.fma(q, z, L2);
        q = Math.fma(q, z, L1);
        q = Math.fma(q, z, L0);
        // log(1 + f) = f − f²/2 + s·(f²/2 + z·q); f − f²/2 and k·ln 2 + (f − f²/2) keep their rounding errors.
        double half = 0.5 * f;
        double h = half * f;
        double m = f - h;
        double small = Math.fma(s, h + z * q, Math.fma(k, LOG_LN2_LO, ((f - m) - h) - Math.fma(half, f, -h)));
        double kh = k * LOG_LN2_HI;
        double hi = kh + m;
        double y = hi + (((kh - hi) + m) + small);
        double special = x == 0 ? Double.NEGATIVE_INFINITY : Double.NaN;
        y = x == Double.POSITIVE_INFINITY ? x : y;
        return x > 0 ? y : special;
    }

    /** {@code tanh x}. */
    static double tanh(double x) {
        long bits = Double.doubleToRawLongBits(x);
        double a = Double.longBitsToDouble(bits & ~SIGN);
        double u = a * a;
        double p = Math.fma(T10, u, T9);
        p = Math.fma(p, u, T8);
        p = Math.fma(p, u, T7);
        p = Math.fma(p, u, T6);
        p = Math.fma(p, u, T5);
        p = Math.fma(p, u, T4);
        p = Math.fma(p, u, T3);
        p = Math.fma(p, u, T2);
        p = Math.fma(p, u, T1);
        p = Math.fma(p, u, T0);
        double small = Math.fma(a * u, p, a);
        double y = a < TANH_POLY_MAX ? small : tanhFromExp(a);
        return Double.longBitsToDouble(Double.doubleToRawLongBits(y) | bits & SIGN);
    }

    /**
     * {@code 1 − 2/(e + 1)} with {@code e = e^{2a} = eh + el} to about 106 bits: the quotient {@code q0} corrected by
     * its remainder, and {@code 1 − q0} split exactly into a double and its rounding error ({@code q0 ≤ ½}).
     */
    private static double tanhFromExp(double a) {
        double y = 2 * (a > TANH_MAX ? TANH_MAX : a);
        double t = Math.fma(y, LOG2E, SHIFT);
        double s = 1 + reduced(y, t);
        double tail = expTail(y, t);
        double hi = s + tail;
        double lo = (s - hi) + tail;
        double scale = pow2(t);
        double eh = hi * scale;
        double el = lo * scale;
        double d = eh + 1;
        double dl = ((eh - d) + 1) + el;
        double inverse = 1 / d;
        double q0 = 2 * inverse;
        double correction = Math.fma(-q0, dl, Math.fma(-q0, d, 2)) * inverse;
        double one = 1 - q0;
        return one + (((1 - one) - q0) - correction);
    }

    /**
     * The logistic function {@code 1/(1 + e)} for {@code x ≥ 0}, {@code e/(1 + e)} below, {@code e = e^{−|x|}} to
     * about 106 bits: nothing overflows, so subnormal results are computed, not flushed to 0.
     */
    static double sigmoid(double x) {
        double a = Double.longBitsToDouble(Double.doubleToRawLongBits(x) & ~SIGN);
        double y = -(a > -EXP_MIN ? -EXP_MIN : a);
        double t = Math.fma(y, LOG2E, SHIFT);
        double s = 1 + reduced(y, t);
        double tail = expTail(y, t);
        double hi = s + tail;
        double lo = (s - hi) + tail;
        double eh = scale(hi, t);
        double el = scale(lo, t);
        double d = 1 + eh;
        double dl = ((1 - d) + eh) + el;
        boolean negative = x < 0;
        double n = negative ? eh : 1;
        double nl = negative ? el : 0;
        double inverse = 1 / d;
        double q0 = n * inverse;
        double remainder = Math.fma(-q0, dl, Math.fma(-q0, d, n) + nl);
        return Math.fma(remainder, inverse, q0);
    }
}
