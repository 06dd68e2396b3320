package dev.unroll.kernels;

import static dev.unroll.kernels.PortableFloatMath.E0;
import static dev.unroll.kernels.PortableFloatMath.E1;
import static dev.unroll.kernels.PortableFloatMath.E2;
import static dev.unroll.kernels.PortableFloatMath.E3;
import static dev.unroll.kernels.PortableFloatMath.E4;
import static dev.unroll.kernels.PortableFloatMath.EXP_MAX;
import static dev.unroll.kernels.PortableFloatMath.EXP_MIN;
import static dev.unroll.kernels.PortableFloatMath.L0;
import static dev.unroll.kernels.PortableFloatMath.L1;
import static dev.unroll.kernels.PortableFloatMath.L2;
import static dev.unroll.kernels.PortableFloatMath.LN2_HI;
import static dev.unroll.kernels.PortableFloatMath.LN2_LO;
import static dev.unroll.kernels.PortableFloatMath.LOG2E;
import static dev.unroll.kernels.PortableFloatMath.LOG_LN2_HI;
import static dev.unroll.kernels.PortableFloatMath.LOG_LN2_LO;
import static dev.unroll.kernels.PortableFloatMath.LOG_OFFSET;
import static dev.unroll.kernels.PortableFloatMath.SHIFT;
import static dev.unroll.kernels.PortableFloatMath.SHIFT_BITS;
import static dev.unroll.kernels.PortableFloatMath.SIGN;
import static dev.unroll.kernels.PortableFloatMath.T0;
import static dev.unroll.kernels.PortableFloatMath.T1;
import static dev.unroll.kernels.PortableFloatMath.T2;
import static dev.unroll.kernels.PortableFloatMath.T3;
import static dev.unroll.kernels.PortableFloatMath.T4;
import static dev.unroll.kernels.PortableFloatMath.TANH_MAX;
import static dev.unroll.kernels.PortableFloatMath.TANH_POLY_MAX;
import static dev.unroll.kernels.PortableFloatMath.TWO_24;
import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.FMA;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.LT;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PortableFloatMath}'s functions on blocks of floats, a vector at a time, as {@link PortableLanes} computes
 * {@link PortableMath}'s: in every lane the same operations in the same order, each branch on all lanes and a blend
 * to choose, the last {@code n mod L} elements through {@link PortableFloatMath} itself, and no calls to methods of
 * ours inside a loop.
 */
final class PortableFloatLanes {

    private static final VectorSpecies<Float> S = FloatTiles.S;
    private static final int L = FloatTiles.L;

    private PortableFloatLanes() {
    }

    static void exp(float[] src, int sOff, float[] dst, int dOff, int n) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector x = FloatVector.fromArray(S, src, sOff + i);
            x = x.blend(EXP_MIN, x.compare(LT, EXP_MIN));
            x = x.blend(EXP_MAX, x.compare(GT, EXP_MAX));
            FloatVector t = x.lanewise(FMA, LOG2E, SHIFT);
            FloatVector k = t.sub(SHIFT);
            FloatVector r1 = k.lanewise(FMA, -LN2_HI, x);
            FloatVector r = k.lanewise(FMA, -LN2_LO, r1);
            FloatVector s = r.add(1);
            FloatVector p = r.lanewise(FMA, E4, E3).lanewise(FMA, r, E2).lanewise(FMA, r, E1)
                    .lanewise(FMA, r, E0);
            FloatVector rl = k.lanewise(FMA, -LN2_LO, r1.sub(r));
            FloatVector tail = one.sub(s).add(r).add(rl.lanewise(FMA, r, rl).add(r.mul(r).mul(p)));
            IntVector u = t.viewAsIntegralLanes().add(256 - SHIFT_BITS);
            IntVector h = u.lanewise(LSHR, 1);
            FloatVector first = h.sub(1).lanewise(LSHL, 23).viewAsFloatingLanes();
            FloatVector second = u.sub(h).sub(1).lanewise(LSHL, 23).viewAsFloatingLanes();
            s.add(tail).mul(first).mul(second).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = PortableFloatMath.exp(src[sOff + i]);
        }
    }

    static void log(float[] src, int sOff, float[] dst, int dOff, int n) {
        FloatVector nan = FloatVector.broadcast(S, Float.NaN);
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector x = FloatVector.fromArray(S, src, sOff + i);
            VectorMask<Float> subnormal = x.compare(LT, Float.MIN_NORMAL);
            IntVector bits = x.blend(x.mul(TWO_24), subnormal).viewAsIntegralLanes();
            IntVector biased = bits.add(LOG_OFFSET).lanewise(LSHR, 23);
            FloatVector f = bits.sub(biased.sub(127).lanewise(LSHL, 23)).viewAsFloatingLanes().sub(1);
            FloatVector k = biased.add(SHIFT_BITS).viewAsFloatingLanes().sub(SHIFT + 127);
            k = k.blend(k.sub(24), subnormal);
            FloatVector s = f.div(f.add(2));
            FloatVector z = s.mul(s);
            FloatVector q = z.lanewise(FMA, L2, L1).lanewise(FMA, z, L0);
            FloatVector half = f.mul(0.5f);
            FloatVector h = half.mul(f);
            FloatVector m = f.sub(h);
            FloatVector err = f.sub(m).sub(h).sub(half.lanewise(FMA, f, h.neg()));
            FloatVector small = s.lanewise(FMA, h.add(z.mul(q)), k.lanewise(FMA, LOG_LN2_LO, err));
            FloatVector kh = k.mul(LOG_LN2_HI);
            FloatVector hi = kh.add(m);
            FloatVector y = hi.add(kh.sub(hi).add(m).add(small));
            y = y.blend(x, x.compare(EQ, Float.POSITIVE_INFINITY));
            nan.blend(Float.NEGATIVE_INFINITY, x.compare(EQ, 0)).blend(y, x.compare(GT, 0)).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = PortableFloatMath.log(src[sOff + i]);
        }
    }

    static void tanh(float[] src, int sOff, float[] dst, int dOff, int n) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (; i + L <= n; i += L) {
            IntVector bits = FloatVector.fromArray(S, src, sOff + i).viewAsIntegralLanes();
            FloatVector a = bits.and(~SIGN).viewAsFloatingLanes();
            FloatVector u = a.mul(a);
            FloatVector pt = u.lanewise(FMA, T4, T3).lanewise(FMA, u, T2).lanewise(FMA, u, T1)
                    .lanewise(FMA, u, T0);
            FloatVector polynomial = a.mul(u).lanewise(FMA, pt, a);
            // 1 − 2/(e + 1), e = e^{2a} as the float-float eh + el
            FloatVector y = a.blend(TANH_MAX, a.compare(GT, TANH_MAX)).mul(2);
            FloatVector t = y.lanewise(FMA, LOG2E, SHIFT);
            FloatVector k = t.sub(SHIFT);
            FloatVector r1 = k.lanewise(FMA, -LN2_HI, y);
            FloatVector r = k.lanewise(FMA, -LN2_LO, r1);
            FloatVector s = r.add(1);
            FloatVector p = r.lanewise(FMA, E4, E3).lanewise(FMA, r, E2).lanewise(FMA, r, E1)
                    .lanewise(FMA, r, E0);
            FloatVector rl = k.lanewise(FMA, -LN2_LO, r1.sub(r));
            FloatVector tail = one.sub(s).add(r).add(rl.lanewise(FMA, r, rl).add(r.mul(r).mul(p)));
            FloatVector hi = s.add(tail);
            FloatVector lo = s.sub(hi).add(tail);
            FloatVector scale = t.viewAsIntegralLanes().add(127).lanewise(LSHL, 23).viewAsFloatingLanes();
            FloatVector eh = hi.mul(scale);
            FloatVector el = lo.mul(scale);
            FloatVector d = eh.add(1);
            FloatVector dl = eh.sub(d).add(1).add(el);
            FloatVector inverse = one.div(d);
            FloatVector q0 = inverse.mul(2);
            FloatVector correction = q0.neg().lanewise(FMA, dl, q0.neg().lanewise(FMA, d, 2)).mul(inverse);
            FloatVector oneMinus = one.sub(q0);
            FloatVector large = oneMinus.add(one.sub(oneMinus).sub(q0).sub(correction));
            large.blend(polynomial, a.compare(LT, TANH_POLY_MAX)).viewAsIntegralLanes().or(bits.and(SIGN))
                    .viewAsFloatingLanes().intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = PortableFloatMath.tanh(src[sOff + i]);
        }
    }

    static void sigmoid(float[] src, int sOff, float[] dst, int dOff, int n) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector x = FloatVector.fromArray(S, src, sOff + i);
            FloatVector a = x.viewAsIntegralLanes().and(~SIGN).viewAsFloatingLanes();
            // e = e^{−|x|} as the float-float eh + el
            FloatVector y = a.blend(-EXP_MIN, a.compare(GT, -EXP_MIN)).neg();
            FloatVector t = y.lanewise(FMA, LOG2E, SHIFT);
            FloatVector k = t.sub(SHIFT);
            FloatVector r1 = k.lanewise(FMA, -LN2_HI, y);
            FloatVector r = k.lanewise(FMA, -LN2_LO, r1);
            FloatVector s = r.add(1);
            FloatVector p = r.lanewise(FMA, E4, E3).lanewise(FMA, r, E2).lanewise(FMA, r, E1)
                    .lanewise(FMA, r, E0);
            FloatVector rl = k.lanewise(FMA, -LN2_LO, r1.sub(r));
            FloatVector tail = one.sub(s).add(r).add(rl.lanewise(FMA, r, rl).add(r.mul(r).mul(p)));
            FloatVector hi = s.add(tail);
            FloatVector lo = s.sub(hi).add(tail);
            IntVector u = t.viewAsIntegralLanes().add(256 - SHIFT_BITS);
            IntVector h = u.lanewise(LSHR, 1);
            FloatVector first = h.sub(1).lanewise(LSHL, 23).viewAsFloatingLanes();
            FloatVector second = u.sub(h).sub(1).lanewise(LSHL, 23).viewAsFloatingLanes();
            FloatVector eh = hi.mul(first).mul(second);
            FloatVector el = lo.mul(first).mul(second);
            // (1 or eh + el) / (1 + eh + el), the quotient corrected by its remainder
            FloatVector d = eh.add(1);
            FloatVector dl = one.sub(d).add(eh).add(el);
            VectorMask<Float> negative = x.compare(LT, 0);
            FloatVector numerator = one.blend(eh, negative);
            FloatVector inverse = one.div(d);
            FloatVector q0 = numerator.mul(inverse);
            FloatVector remainder = q0.neg().lanewise(FMA, dl,
                    q0.neg().lanewise(FMA, d, numerator).add(zero.blend(el, negative)));
            remainder.lanewise(FMA, inverse, q0).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = PortableFloatMath.sigmoid(src[sOff + i]);
        }
    }
}
