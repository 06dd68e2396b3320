package dev.unroll.kernels;

import static dev.unroll.kernels.PortableMath.E0;
import static dev.unroll.kernels.PortableMath.E1;
import static dev.unroll.kernels.PortableMath.E10;
import static dev.unroll.kernels.PortableMath.E2;
import static dev.unroll.kernels.PortableMath.E3;
import static dev.unroll.kernels.PortableMath.E4;
import static dev.unroll.kernels.PortableMath.E5;
import static dev.unroll.kernels.PortableMath.E6;
import static dev.unroll.kernels.PortableMath.E7;
import static dev.unroll.kernels.PortableMath.E8;
import static dev.unroll.kernels.PortableMath.E9;
import static dev.unroll.kernels.PortableMath.EXP_MAX;
import static dev.unroll.kernels.PortableMath.EXP_MIN;
import static dev.unroll.kernels.PortableMath.L0;
import static dev.unroll.kernels.PortableMath.L1;
import static dev.unroll.kernels.PortableMath.L2;
import static dev.unroll.kernels.PortableMath.L3;
import static dev.unroll.kernels.PortableMath.L4;
import static dev.unroll.kernels.PortableMath.L5;
import static dev.unroll.kernels.PortableMath.L6;
import static dev.unroll.kernels.PortableMath.LN2_HI;
import static dev.unroll.kernels.PortableMath.LN2_LO;
import static dev.unroll.kernels.PortableMath.LOG2E;
import static dev.unroll.kernels.PortableMath.LOG_LN2_HI;
import static dev.unroll.kernels.PortableMath.LOG_LN2_LO;
import static dev.unroll.kernels.PortableMath.LOG_OFFSET;
import static dev.unroll.kernels.PortableMath.SHIFT;
import static dev.unroll.kernels.PortableMath.SHIFT_BITS;
import static dev.unroll.kernels.PortableMath.SIGN;
import static dev.unroll.kernels.PortableMath.T0;
import static dev.unroll.kernels.PortableMath.T1;
import static dev.unroll.kernels.PortableMath.T10;
import static dev.unroll.kernels.PortableMath.T2;
import static dev.unroll.kernels.PortableMath.T3;
import static dev.unroll.kernels.PortableMath.T4;
import static dev.unroll.kernels.PortableMath.T5;
import static dev.unroll.kernels.PortableMath.T6;
import static dev.unroll.kernels.PortableMath.T7;
import static dev.unroll.kernels.PortableMath.T8;
import static dev.unroll.kernels.PortableMath.T9;
import static dev.unroll.kernels.PortableMath.TANH_MAX;
import static dev.unroll.kernels.PortableMath.TANH_POLY_MAX;
import static dev.unroll.kernels.PortableMath.TWO_54;
import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.FMA;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.LT;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PortableMath}'s functions on blocks of doubles, a vector at a time: in every lane the same operations, in
 * the same order, with the same constants, each branch computed on all lanes and the result chosen by a blend; the
 * last {@code n mod L} elements through {@link PortableMath} itself. Only lane-wise IEEE operations and bit
 * manipulation, which the vector API specifies exactly (unlike its {@code EXP}, {@code LOG} and {@code TANH}, whose
 * results change when the JIT compiles them to a native library), so every element gets {@link PortableMath}'s bits
 * whether the code is interpreted or compiled, wherever it lies in the block, and whatever the vector width.
 *
 * <p>Each loop holds its whole computation, without calls to methods of ours: the JIT compiles a method it calls from
 * the loop on its own once it is hot, and then will not inline it, so its vectors would be allocated on the heap,
 * each call costing more than the arithmetic. (The vector API's own methods are always inlined.)
 */
final class PortableLanes {

    private static final VectorSpecies<Double> S = DoubleTiles.S;
    private static final int L = DoubleTiles.L;

    private PortableLanes() {
    }

    static void exp(double[] src, int sOff, double[] dst, int dOff, int n) {
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        int i = 0;
        for (; i + L <= n; i += L) {
            DoubleVector x = DoubleVector.fromArray(S, src, sOff + i);
            x = x.blend(EXP_MIN, x.compare(LT, EXP_MIN));
            x = x.blend(EXP_MAX, x.compare(GT, EXP_MAX));
            DoubleVector t = x.lanewise(FMA, LOG2E, SHIFT);
            DoubleVector k = t.sub(SHIFT);
            DoubleVector r1 = k.lanewise(FMA, -LN2_HI, x);
            DoubleVector r = k.lanewise(FMA, -LN2_LO, r1);
            DoubleVector s = r.add(1);
            DoubleVector p = r.lanewise(FMA, E10, E9).lanewise(FMA, r, E8).lanewise(FMA, r, E7)
                    .lanewise(FMA, r, E6).lanewise(FMA, r, E5).lanewise(FMA, r, E4).lanewise(FMA, r, E3)
                    .lanewise(FMA, r, E2).lanewise(FMA, r, E1).lanewise(FMA, r, E0);
            DoubleVector rl = k.lanewise(FMA, -LN2_LO, r1.sub(r));
            DoubleVector tail = one.sub(s).add(r).add(rl.lanewise(FMA, r, rl).add(r.mul(r).mul(p)));
            LongVector u = t.viewAsIntegralLanes().add(2048 - SHIFT_BITS);
            LongVector h = u.lanewise(LSHR, 1);
            DoubleVector first = h.sub(1).lanewise(LSHL, 52).viewAsFloatingLanes();
            DoubleVector second = u.sub(h).sub(1).lanewise(LSHL, 52).viewAsFloatingLanes();
            s.add(tail).mul(first).mul(second).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = PortableMath.exp(src[sOff + i]);
        }
    }

    static void log(double[] src, int sOff, double[] dst, int dOff, int n) {
        DoubleVector nan = DoubleVector.broadcast(S, Double.NaN);
        int i = 0;
        for (; i + L <= n; i += L) {
            DoubleVector x = DoubleVector.fromArray(S, src, sOff + i);
            VectorMask<Double> subnormal = x.compare(LT, Double.MIN_NORMAL);
            LongVector bits = x.blend(x.mul(TWO_54), subnormal).viewAsIntegralLanes();
            LongVector biased = bits.add(LOG_OFFSET).lanewise(LSHR, 52);
            DoubleVector f = bits.sub(biased.sub(1023).lanewise(LSHL, 52)).viewAsFloatingLanes().sub(1);
            DoubleVector k = biased.add(SHIFT_BITS).viewAsFloatingLanes().sub(SHIFT + 1023);
            k = k.blend(k.sub(54), subnormal);
            DoubleVector s = f.div(f.add(2));
            DoubleVector z = s.mul(s);
            DoubleVector q = z.lanewise(FMA, L6, L5).lanewise(FMA, z, L4).lanewise(FMA, z, L3)
                    .lanewise(FMA, z, L2).lanewise(FMA, z, L1).lanewise(FMA, z, L0);
            DoubleVector half = f.mul(0.5);
            DoubleVector h = half.mul(f);
            DoubleVector m = f.sub(h);
            DoubleVector err = f.sub(m).sub(h).sub(half.lanewise(FMA, f, h.neg()));
            DoubleVector small = s.lanewise(FMA, h.add(z.mul(q)), k.lanewise(FMA, LOG_LN2_LO, err));
            DoubleVector kh = k.mul(LOG_LN2_HI);
            DoubleVector hi = kh.add(m);
            DoubleVector y = hi.add(kh.sub(hi).add(m).add(small));
            y = y.blend(x, x.compare(EQ, Double.POSITIVE_INFINITY));
            nan.blend(Double.NEGATIVE_INFINITY, x.compare(EQ, 0)).blend(y, x.compare(GT, 0)).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = PortableMath.log(src[sOff + i]);
        }
    }

    static void tanh(double[] src, int sOff, double[] dst, int dOff, int n) {
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        int i = 0;
        for (; i + L <= n; i += L) {
            LongVector bits = DoubleVector.fromArray(S, src, sOff + i).viewAsIntegralLanes();
            DoubleVector a = bits.and(~SIGN).viewAsFloatingLanes();
            DoubleVector u = a.mul(a);
            DoubleVector pt = u.lanewise(FMA, T10, T9).lanewise(FMA, u, T8).lanewise(FMA, u, T7)
                    .lanewise(FMA, u, T6).lanewise(FMA, u, T5).lanewise(FMA, u, T4).lanewise(FMA, u, T3)
                    .lanewise(FMA, u, T2).lanewise(FMA, u, T1).lanewise(FMA, u, T0);
            DoubleVector polynomial = a.mul(u).lanewise(FMA, pt, a);
            // 1 − 2/(e + 1), e = e^{2a} as the double-double eh + el
            DoubleVector y = a.blend(TANH_MAX, a.compare(GT, TANH_MAX)).mul(2);
            DoubleVector t = y.lanewise(FMA, LOG2E, SHIFT);
            DoubleVector k = t.sub(SHIFT);
            DoubleVector r1 = k.lanewise(FMA, -LN2_HI, y);
            DoubleVector r = k.lanewise(FMA, -LN2_LO, r1);
            DoubleVector s = r.add(1);
            DoubleVector p = r.lanewise(FMA, E10, E9).lanewise(FMA, r, E8).lanewise(FMA, r, E7)
                    .lanewise(FMA, r, E6).lanewise(FMA, r, E5).lanewise(FMA, r, E4).lanewise(FMA, r, E3)
                    .lanewise(FMA, r, E2).lanewise(FMA, r, E1).lanewise(FMA, r, E0);
            DoubleVector rl = k.lanewise(FMA, -LN2_LO, r1.sub(r));
            DoubleVector tail = one.sub(s).add(r).add(rl.lanewise(FMA, r, rl).add(r.mul(r).mul(p)));
            DoubleVector hi = s.add(tail);
            DoubleVector lo = s.sub(hi).add(tail);
            DoubleVector scale = t.viewAsIntegralLanes().add(1023).lanewise(LSHL, 52).viewAsFloatingLanes();
            DoubleVector eh = hi.mul(scale);
            DoubleVector el = lo.mul(scale);
            DoubleVector d = eh.add(1);
            DoubleVector dl = eh.sub(d).add(1).add(el);
            DoubleVector inverse = one.div(d);
            DoubleVector q0 = inverse.mul(2);
            DoubleVector correction = q0.neg().lanewise(FMA, dl, q0.neg().lanewise(FMA, d, 2)).mul(inverse);
            DoubleVector oneMinus = one.sub(q0);
            DoubleVector large = oneMinus.add(one.sub(oneMinus).sub(q0).sub(correction));
            large.blend(polynomial, a.compare(LT, TANH_POLY_MAX)).viewAsIntegralLanes().or(bits.and(SIGN))
                    .viewAsFloatingLanes().intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = PortableMath.tanh(src[sOff + i]);
        }
    }

    static void sigmoid(double[] src, int sOff, double[] dst, int dOff, int n) {
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        DoubleVector zero = DoubleVector.zero(S);
        int i = 0;
        for (; i + L <= n; i += L) {
            DoubleVector x = DoubleVector.fromArray(S, src, sOff + i);
            DoubleVector a = x.viewAsIntegralLanes().and(~SIGN).viewAsFloatingLanes();
            // e = e^{−|x|} as the double-double eh + el
            DoubleVector y = a.blend(-EXP_MIN, a.compare(GT, -EXP_MIN)).neg();
            DoubleVector t = y.lanewise(FMA, LOG2E, SHIFT);
            DoubleVector k = t.sub(SHIFT);
            DoubleVector r1 = k.lanewise(FMA, -LN2_HI, y);
            DoubleVector r = k.lanewise(FMA, -LN2_LO, r1);
            DoubleVector s = r.add(1);
            DoubleVector p = r.lanewise(FMA, E10, E9).lanewise(FMA, r, E8).lanewise(FMA, r, E7)
                    .lanewise(FMA, r, E6).lanewise(FMA, r, E5).lanewise(FMA, r, E4).lanewise(FMA, r, E3)
                    .lanewise(FMA, r, E2).lanewise(FMA, r, E1).lanewise(FMA, r, E0);
            DoubleVector rl = k.lanewise(FMA, -LN2_LO, r1.sub(r));
            DoubleVector tail = one.sub(s).add(r).add(rl.lanewise(FMA, r, rl).add(r.mul(r).mul(p)));
            DoubleVector hi = s.add(tail);
            DoubleVector lo = s.sub(hi).add(tail);
            LongVector u = t.viewAsIntegralLanes().add(2048 - SHIFT_BITS);
            LongVector h = u.lanewise(LSHR, 1);
            DoubleVector first = h.sub(1).lanewise(LSHL, 52).viewAsFloatingLanes();
            DoubleVector second = u.sub(h).sub(1).lanewise(LSHL, 52).viewAsFloatingLanes();
            DoubleVector eh = hi.mul(first).mul(second);
            DoubleVector el = lo.mul(first).mul(second);
            // (1 or eh + el) / (1 + eh + el), the quotient corrected by its remainder
            DoubleVector d = eh.add(1);
            DoubleVector dl = one.sub(d).add(eh).add(el);
            VectorMask<Double> negative = x.compare(LT, 0);
            DoubleVector numerator = one.blend(eh, negative);
            DoubleVector inverse = one.div(d);
            DoubleVector q0 = numerator.mul(inverse);
            DoubleVector remainder = q0.neg().lanewise(FMA, dl,
                    q0.neg().lanewise(FMA, d, numerator).add(zero.blend(el, negative)));
            remainder.lanewise(FMA, inverse, q0).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = PortableMath.sigmoid(src[sOff + i]);
        }
    }
}
