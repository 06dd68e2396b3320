package dev.unroll.reference;

/**
 * An unevaluated sum {@code hi + lo} of two doubles with {@code |lo| ≤ ulp(hi) / 2}: about 106 bits of precision,
 * enough for {@link ReferenceMath} to be far more accurate than any double it is compared with. The error-free
 * transformations are Knuth's two-sum and the fused multiply-add product; each operation loses a few units of
 * 2⁻¹⁰⁶ relative.
 */
record DoubleDouble(double hi, double lo) {

    static final DoubleDouble ONE = new DoubleDouble(1, 0);

    /** {@code a + b} exactly. */
    static DoubleDouble sum(double a, double b) {
        double s = a + b;
        double bVirtual = s - a;
        return new DoubleDouble(s, (a - (s - bVirtual)) + (b - bVirtual));
    }

    /** {@code a · b} exactly (barring underflow). */
    static DoubleDouble product(double a, double b) {
        double p = a * b;
        return new DoubleDouble(p, Math.fma(a, b, -p));
    }

    /** Renormalizes {@code a + b} for {@code |a| ≥ |b|}. */
    private static DoubleDouble fastSum(double a, double b) {
        double s = a + b;
        return new DoubleDouble(s, b - (s - a));
    }

    DoubleDouble plus(DoubleDouble y) {
        DoubleDouble high = sum(hi, y.hi);
        DoubleDouble low = sum(lo, y.lo);
        DoubleDouble partial = fastSum(high.hi, high.lo + low.hi);
        return fastSum(partial.hi, partial.lo + low.lo);
    }

    DoubleDouble plus(double y) {
        DoubleDouble high = sum(hi, y);
        return fastSum(high.hi, high.lo + lo);
    }

    DoubleDouble times(DoubleDouble y) {
        DoubleDouble p = product(hi, y.hi);
        return fastSum(p.hi, p.lo + (hi * y.lo + lo * y.hi));
    }

    DoubleDouble times(double y) {
        DoubleDouble p = product(hi, y);
        return fastSum(p.hi, p.lo + lo * y);
    }

    /** Long division: three double quotients, each correcting the remainder of the previous ones. */
    DoubleDouble dividedBy(DoubleDouble y) {
        double q1 = hi / y.hi;
        DoubleDouble r = plus(y.times(-q1));
        double q2 = r.hi / y.hi;
        r = r.plus(y.times(-q2));
        double q3 = r.hi / y.hi;
        return fastSum(q1, q2).plus(q3);
    }

    DoubleDouble negate() {
        return new DoubleDouble(-hi, -lo);
    }

    /** Multiplication by {@code 2ⁿ}, exact while both parts stay normal. */
    DoubleDouble scalb(int n) {
        return new DoubleDouble(Math.scalb(hi, n), Math.scalb(lo, n));
    }
}
