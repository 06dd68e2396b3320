package dev.unroll.kernels;

/**
 * {@link PortableMath}'s algorithms in float arithmetic, with constants and polynomials for float: {@code exp},
 * {@code log}, {@code tanh} and the logistic function of a float from IEEE 754 operations alone. {@link
 * PortableFloatLanes} computes the same operations in the same order on whole vectors and gives the same bits; the
 * vector kernels use these methods for the elements that do not fill a vector. The pairs of floats that
 * {@link PortableMath} keeps as double-doubles are float-floats here (about 48 bits).
 */
final class PortableFloatMath {

    static final int SIGN = Integer.MIN_VALUE;
    /** {@code 1.5·2²³}: adding it rounds a float of magnitude below 2²² to an integer, which its low bits hold. */
    static final float SHIFT = 0x1.8p23f;
    static final int SHIFT_BITS = Float.floatToRawIntBits(SHIFT);
    static final float LOG2E = 0x1.715476p0f;
    /** {@code ln 2} rounded to float, and the rest. */
    static final float LN2_HI = 0x1.62e43p-1f;
    static final float LN2_LO = -0x1.05c61p-29f;

    /** The arguments beyond which {@code exp} is 0 or ∞ whatever the rounding; clamping to them keeps k small. */
    static final float EXP_MIN = -104f;
    static final float EXP_MAX = 89f;
    /** {@code P(r) ≈ (eʳ − 1 − r)/r²} on {@code |r| ≤ 0.3466}: relative error 2⁻²²·⁹. */
    static final float E0 = 0x1p-1f;
    static final float E1 = 0x1.5554dep-3f;
    static final float E2 = 0x1.5555bap-5f;
    static final float E3 = 0x1.120b1ep-7f;
    static final float E4 = 0x1.6c69f4p-10f;

    /** {@code ln 2} in two parts, the first with 15 significant bits, so {@code k·LOG_LN2_HI} is exact. */
    static final float LOG_LN2_HI = 0x1.62e4p-1f;
    static final float LOG_LN2_LO = 0x1.7f7d1cp-20f;
    /** Added to the bits of {@code x}, carries into the exponent exactly when the significand is at least √2. */
    static final int LOG_OFFSET = 0x3f800000 - 0x3f3504f3;
    static final float TWO_24 = 0x1p24f;
    /** {@code Q(z) ≈ (2·atanh(s) − 2s)/s³} for {@code z = s² ≤ 0.02944}: relative error 2⁻²¹·⁸. */
    static final float L0 = 0x1.55555cp-1f;
    static final float L1 = 0x1.997c26p-2f;
    static final float L2 = 0x1.2ee78ap-2f;

    static final float TANH_POLY_MAX = 0.55f;
    /** Above this {@code tanh} is 1 to the last bit. */
    static final float TANH_MAX = 10f;
    /** {@code P(u) ≈ (tanh x − x)/x³}, {@code u = x² ≤ 0.3025}: relative error 2⁻²⁴·⁶. */
    static final float T0 = -0x1.555554p-2f;
    static final float T1 = 0x1.110feap-3f;
    static final float T2 = -0x1.b9a04ep-5f;
    static final float T3 = 0x1.5d227p-6f;
    static final float T4 = -0x1.b137cp-8f;

    private PortableFloatMath() {
    }

    /** {@code eˣ}. */
    static float exp(float x) {
        float xc = x < EXP_MIN ? EXP_MIN : x;
        xc = xc > EXP_MAX ? EXP_MAX : xc;
        float t = Math.fma(xc, LOG2E, SHIFT);
        float s = 1 + reduced(xc, t);
        return scale(s + expTail(xc, t), t);
    }

    /** {@code r = x − k·ln 2} for the k that {@code t} holds, rounded once from the exact value. */
    static float reduced(float x, float t) {
        float k = t - SHIFT;
        return Math.fma(k, -LN2_LO, Math.fma(k, -LN2_HI, x));
    }

    /** As {@link PortableMath#expTail}. */
    static float expTail(float x, float t) {
        float k = t - SHIFT;
        float r1 = Math.fma(k, -LN2_HI, x);
        float r = Math.fma(k, -LN2_LO, r1);
        float s = 1 + r;
        float rl = Math.fma(k, -LN2_LO, r1 - r);
        float p = Math.fma(E4, r, E3);
        p = Math.fma(p, r, E2);
        p = Math.fma(p, r, E1);
        p = Math.fma(p, r, E0);
        return ((1 - s) + r) + (Math.fma(rl, r, rl) + r * r * p);
    }

    /** {@code m·2ᵏ} for the {@code k ∈ [−150, 128]} that {@code t} holds, as {@link PortableMath#scale}. */
    static float scale(float m, float t) {
        int u = Float.floatToRawIntBits(t) + (256 - SHIFT_BITS);
        int h = u >>> 1;
        float first = Float.intBitsToFloat((h - 1) << 23);
        float second = Float.intBitsToFloat((u - h - 1) << 23);
        return m * first * second;
    }

    /** {@code ln x}. */
    static float log(float x) {
        boolean subnormal = x < Float.MIN_NORMAL;
        int bits = Float.floatToRawIntBits(subnormal ? x * TWO_24 : x);
        int biased = (bits + LOG_OFFSET) >>> 23;
        float f = Float.intBitsToFloat(bits - ((biased - 127) << 23)) - 1;
        float k = Float.intBitsToFloat(biased + SHIFT_BITS) - (SHIFT + 127);
        k = subnormal ? k - 24 : k;
        float s = f / (2 + f);
        float z = s * s;
        float q = Math.fma(Math.fma(L2, z, L1), z, L0);
        float half = 0.5f * f;
        float h = half * f;
        float m = f - h;
        float small = Math.fma(s, h + z * q, Math.fma(k, LOG_LN2_LO, ((f - m) - h) - Math.fma(half, f, -h)));
        float kh = k * LOG_LN2_HI;
        float hi = kh + m;
        float y = hi + (((kh - hi) + m) + small);
        float special = x == 0 ? Float.NEGATIVE_INFINITY : Float.NaN;
        y = x == Float.POSITIVE_INFINITY ? x : y;
        return x > 0 ? y : special;
    }

    /** {@code tanh x}. */
    static float tanh(float x) {
        int bits = Float.floatToRawIntBits(x);
        float a = Float.intBitsToFloat(bits & ~SIGN);
        float u = a * a;
        float p = Math.fma(T4, u, T3);
        p = Math.fma(p, u, T2);
        p = Math.fma(p, u, T1);
        p = Math.fma(p, u, T0);
        float small = Math.fma(a * u, p, a);
        float y = a < TANH_POLY_MAX ? small : tanhFromExp(a);
        return Float.intBitsToFloat(Float.floatToRawIntBits(y) | bits & SIGN);
    }

    /** As {@link PortableMath}'s, in float-floats. */
    private static float tanhFromExp(float a) {
        float y = 2 * (a > TANH_MAX ? TANH_MAX : a);
        float t = Math.fma(y, LOG2E, SHIFT);
        float s = 1 + reduced(y, t);
        float tail = expTail(y, t);
        float hi = s + tail;
        float lo = (s - hi) + tail;
        float scale = Float.intBitsToFloat((Float.floatToRawIntBits(t) + 127) << 23);
        float eh = hi * scale;
        float el = lo * scale;
        float d = eh + 1;
        float dl = ((eh - d) + 1) + el;
        float inverse = 1 / d;
        float q0 = 2 * inverse;
        float correction = Math.fma(-q0, dl, Math.fma(-q0, d, 2f)) * inverse;
        float one = 1 - q0;
        return one + (((1 - one) - q0) - correction);
    }

    /** The logistic function, as {@link PortableMath#sigmoid}. */
    static float sigmoid(float x) {
        float a = Float.intBitsToFloat(Float.floatToRawIntBits(x) & ~SIGN);
        float y = -(a > -EXP_MIN ? -EXP_MIN : a);
        float t = Math.fma(y, LOG2E, SHIFT);
        float s = 1 + reduced(y, t);
        float tail = expTail(y, t);
        float hi = s + tail;
        float lo = (s - hi) + tail;
        float eh = scale(hi, t);
        float el = scale(lo, t);
        float d = 1 + eh;
        float dl = ((1 - d) + eh) + el;
        boolean negative = x < 0;
        float n = negative ? eh : 1;
        float nl = negative ? el : 0;
        float inverse = 1 / d;
        float q0 = n * inverse;
        float remainder = Math.fma(-q0, dl, Math.fma(-q0, d, n) + nl);
        return Math.fma(remainder, inverse, q0);
    }
}
