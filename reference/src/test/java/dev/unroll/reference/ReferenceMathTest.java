package dev.unroll.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.PropertyRunner;
import java.util.function.DoubleFunction;
import org.apache.commons.math3.dfp.Dfp;
import org.apache.commons.math3.dfp.DfpField;
import org.apache.commons.math3.dfp.DfpMath;
import org.junit.jupiter.api.Test;

/**
 * {@link ReferenceMath} is an oracle: within a millionth of an ulp of the same functions in 60-digit decimal
 * arithmetic ({@link Dfp}), subnormal results included; and {@link ReferenceValue#ulps} measures in the ulps of the
 * result type.
 */
class ReferenceMathTest {

    private static final DfpField FIELD = new DfpField(60);
    private static final double MAX_DISCREPANCY_ULPS = 1e-6;
    private static final int TRIES = 400;

    @Test
    void expAgreesWithDecimalArithmetic() {
        agrees("exp", Gens.doubles(-746, 709), ReferenceMath::exp, x -> DfpMath.exp(FIELD.newDfp(x)));
    }

    @Test
    void tanhAgreesWithDecimalArithmetic() {
        agrees("tanh", magnitudes(-60, 5), ReferenceMath::tanh, ReferenceMathTest::tanh);
    }

    @Test
    void sigmoidAgreesWithDecimalArithmetic() {
        agrees("sigmoid", Gens.doubles(-746, 40), ReferenceMath::sigmoid, x -> FIELD.getOne()
                .divide(FIELD.getOne().add(DfpMath.exp(FIELD.newDfp(-x)))));
    }

    @Test
    void logAgreesWithDecimalArithmetic() {
        DoubleFunction<Dfp> log = x -> DfpMath.log(FIELD.newDfp(x));
        agrees("log", magnitudes(-1074, 1022).map(Math::abs).filter(x -> x > 0), ReferenceMath::log, log);
        agrees("log near 1", Gens.doubles(-1e-3, 1e-3).map(d -> 1 + d), ReferenceMath::log, log);
    }

    @Test
    void ulpsAreUnitsInTheLastPlaceOfTheResultType() {
        assertEquals(1, ReferenceValue.of(1.0).ulps(Math.nextUp(1.0)));
        assertEquals(0.5, ReferenceValue.of(1.0).ulps(Math.nextDown(1.0)));
        assertEquals(1, ReferenceValue.of(1.0).ulps(Math.nextUp(1f)));
        assertEquals(2, new ReferenceValue(1.0, 0, -1074).ulps(3 * Double.MIN_VALUE));
        assertEquals(0, ReferenceValue.of(Double.NaN).ulps(Double.NaN));
        assertEquals(0, ReferenceValue.of(Double.POSITIVE_INFINITY).ulps(Float.POSITIVE_INFINITY));
        assertEquals(Double.POSITIVE_INFINITY, ReferenceValue.of(Double.MAX_VALUE).ulps(Double.POSITIVE_INFINITY));
        assertEquals(Double.POSITIVE_INFINITY, ReferenceValue.of(1.0).ulps(Double.NaN));
    }

    /** Doubles {@code ±m·2ᵉ} with {@code e} in {@code [minExponent, maxExponent]}: every scale weighs the same. */
    private static Gen<Double> magnitudes(int minExponent, int maxExponent) {
        return Gens.tuples(Gens.doubles(-2, 2), Gens.integers(minExponent, maxExponent))
                .map(t -> Math.scalb(t.first(), t.second()));
    }

    private static void agrees(String name, Gen<Double> points,
                               DoubleFunction<ReferenceValue> reference, DoubleFunction<Dfp> decimal) {
        PropertyRunner.forAll(points).named(name).tries(TRIES).seed(8).check(x -> {
            ReferenceValue r = reference.apply(x);
            double discrepancy = discrepancy(r, decimal.apply(x));
            assertTrue(discrepancy <= MAX_DISCREPANCY_ULPS, name + "(" + x + "): " + r + " is " + discrepancy
                    + " ulp from " + decimal.apply(x));
        });
    }

    /** {@code |r − d|} in ulps of the double nearest to {@code r}. */
    private static double discrepancy(ReferenceValue r, Dfp d) {
        Dfp value = FIELD.newDfp(r.hi()).add(FIELD.newDfp(r.lo())).multiply(DfpMath.pow(FIELD.newDfp(2), r.scale()));
        return value.subtract(d).abs().divide(FIELD.newDfp(Math.ulp(r.toDouble()))).toDouble();
    }

    /** {@code (e²ˣ − 1)/(e²ˣ + 1)}, or its series below 1e-9, where the subtraction would cancel too many digits. */
    private static Dfp tanh(double x) {
        Dfp d = FIELD.newDfp(x);
        if (Math.abs(x) < 1e-9) {
            Dfp cube = d.multiply(d).multiply(d);
            return d.subtract(cube.divide(3)).add(cube.multiply(d).multiply(d).multiply(2).divide(15));
        }
        Dfp e = DfpMath.exp(d.multiply(2));
        return e.subtract(1).divide(e.add(1));
    }
}
