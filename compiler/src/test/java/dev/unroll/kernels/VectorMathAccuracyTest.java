package dev.unroll.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.unroll.reference.ReferenceMath;
import dev.unroll.reference.ReferenceValue;
import dev.unroll.reference.Transcendental;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The vector path's {@code tanh}, logistic function, {@code exp} and {@code log} stay within the error bounds of
 * {@code docs/NUMERICS.md}, in ulps of the correctly rounded result: float32 against the function in double
 * ({@link StrictMath}), float64 against {@link ReferenceMath}; on 200,000 points per function and dtype (random bit
 * patterns across the domain, uniform points in its core, runs of consecutive values around its edges). At NaN,
 * the infinities, signed zeros, subnormals and the extremes they give {@link Math}'s NaN, infinities and zeros.
 * Skipped without the vector module, where {@link ArrayMath} runs the plain path ({@link FallbackTest}).
 */
class VectorMathAccuracyTest {

    private static final int POINTS = 200_000;

    @BeforeAll
    static void onTheVectorPathOnly() {
        assumeTrue(Acceleration.VECTOR, "the vector module is absent: ArrayMath runs the plain path");
    }

    @ParameterizedTest
    @EnumSource(Transcendental.class)
    void float32WithinTheDocumentedBound(Transcendental f) {
        float[] x = AccuracySample.floats(f, POINTS, new SplittableRandom(f.ordinal()));
        float[] y = new float[POINTS];
        f.kernel(x, y, POINTS);
        double worst = 0;
        int at = 0;
        for (int i = 0; i < POINTS; i++) {
            double ulps = ReferenceValue.of(f.strict(x[i])).ulps(y[i]);
            if (!(ulps <= worst)) {
                worst = ulps;
                at = i;
            }
        }
        assertTrue(worst <= f.bound(), f + " float32(" + x[at] + ") = " + y[at] + " is " + worst + " ulp from "
                + f.strict(x[at]) + "; the documented bound is " + f.bound());
    }

    @ParameterizedTest
    @EnumSource(Transcendental.class)
    void float64WithinTheDocumentedBound(Transcendental f) {
        double[] x = AccuracySample.doubles(f, POINTS, new SplittableRandom(f.ordinal()));
        double[] y = new double[POINTS];
        f.kernel(x, y, POINTS);
        double worst = 0;
        int at = 0;
        for (int i = 0; i < POINTS; i++) {
            double ulps = f.reference(x[i]).ulps(y[i]);
            if (!(ulps <= worst)) {
                worst = ulps;
                at = i;
            }
        }
        assertTrue(worst <= f.bound(), f + "(" + x[at] + ") = " + y[at] + " is " + worst + " ulp from "
                + f.reference(x[at]) + "; the documented bound is " + f.bound());
    }

    @ParameterizedTest
    @EnumSource(Transcendental.class)
    void specialValuesAreMaths(Transcendental f) {
        for (double x : AccuracySample.SPECIAL) {
            double[] lanes = new double[64];
            Arrays.fill(lanes, x);
            f.kernel(lanes, lanes, lanes.length);
            float[] floatLanes = new float[64];
            Arrays.fill(floatLanes, (float) x);
            f.kernel(floatLanes, floatLanes, floatLanes.length);
            assertSpecial(f + "(" + x + ")", f.plain(x), lanes[0], f.reference(x).ulps(lanes[0]), f.bound());
            float xf = (float) x;
            assertSpecial(f + " float32(" + xf + ")", (float) f.plain(xf), floatLanes[0],
                    ReferenceValue.of(f.strict(xf)).ulps(floatLanes[0]), f.bound());
        }
    }

    /** NaN, the infinities and the zeros exactly as {@link Math}; other results within the bound. */
    private static void assertSpecial(String what, double math, double actual, double ulps, double bound) {
        if (Double.isNaN(math) || Double.isInfinite(math) || math == 0) {
            assertEquals(math, actual, what + " on the vector path, against Math");
        } else {
            assertTrue(ulps <= bound, what + " = " + actual + " on the vector path is " + ulps + " ulp off");
        }
    }
}
