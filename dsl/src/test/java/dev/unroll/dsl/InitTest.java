package dev.unroll.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.dsl.core.UnrollException;
import org.junit.jupiter.api.Test;

/** Initializers validate their parameters when created, naming the rule and the values. */
class InitTest {

    @Test
    void uniformNeedsLowBelowHigh() {
        UnrollException e = assertThrows(UnrollException.class, () -> Init.uniform(1, 0));
        assertEquals("Init.uniform needs low < high, got low 1.0, high 0.0", e.getMessage());
    }

    @Test
    void uniformOfAnEmptyRange() {
        UnrollException e = assertThrows(UnrollException.class, () -> Init.uniform(2, 2));
        assertEquals("Init.uniform needs low < high, got low 2.0, high 2.0", e.getMessage());
    }

    @Test
    void uniformWithAnInfiniteBound() {
        UnrollException e = assertThrows(UnrollException.class, () -> Init.uniform(0, Double.POSITIVE_INFINITY));
        assertEquals("Init: uniform high must be finite, got Infinity", e.getMessage());
    }

    @Test
    void normalNeedsAPositiveStd() {
        UnrollException e = assertThrows(UnrollException.class, () -> Init.normal(0, -1));
        assertEquals("Init.normal needs a finite std > 0, got -1.0", e.getMessage());
    }

    @Test
    void normalRejectsAZeroStd() {
        UnrollException e = assertThrows(UnrollException.class, () -> Init.normal(0, 0));
        assertEquals("Init.normal needs a finite std > 0, got 0.0", e.getMessage());
    }

    @Test
    void normalRejectsANotANumberStd() {
        UnrollException e = assertThrows(UnrollException.class, () -> Init.normal(0, Double.NaN));
        assertEquals("Init.normal needs a finite std > 0, got NaN", e.getMessage());
    }

    @Test
    void normalRejectsAnInfiniteMean() {
        UnrollException e = assertThrows(UnrollException.class, () -> Init.normal(Double.NEGATIVE_INFINITY, 1));
        assertEquals("Init: normal mean must be finite, got -Infinity", e.getMessage());
    }

    @Test
    void constantMustBeFinite() {
        UnrollException e = assertThrows(UnrollException.class, () -> Init.constant(Double.NaN));
        assertEquals("Init: constant must be finite, got NaN", e.getMessage());
    }

    @Test
    void xavierGainMustBePositive() {
        UnrollException e = assertThrows(UnrollException.class, () -> new Init.XavierUniform(0));
        assertEquals("Init: xavier gain must be finite and > 0, got 0.0", e.getMessage());
    }

    @Test
    void xavierNormalGainMustBeFinite() {
        UnrollException e = assertThrows(UnrollException.class,
                () -> new Init.XavierNormal(Double.POSITIVE_INFINITY));
        assertEquals("Init: xavier normal gain must be finite and > 0, got Infinity", e.getMessage());
    }

    @Test
    void uniformWhoseWidthOverflowsWouldDrawInfinities() {
        UnrollException e = assertThrows(UnrollException.class, () -> Init.uniform(-1e308, 1e308));
        assertEquals("Init.uniform needs a finite width high - low, since a draw is low + width·u; got low -1.0E308,"
                + " high 1.0E308 (width Infinity); narrow the range", e.getMessage());
    }

    @Test
    void xavierUniformGainWhoseRangeOverflowsWouldDrawInfinities() {
        UnrollException e = assertThrows(UnrollException.class, () -> new Init.XavierUniform(1e308));
        assertEquals("Init: xavier gain must be at most " + Init.MAX_XAVIER_UNIFORM_GAIN + ", so that every draw is"
                + " finite; got 1.0E308", e.getMessage());
    }

    @Test
    void xavierNormalGainWhoseDrawsOverflowIsRejected() {
        UnrollException e = assertThrows(UnrollException.class, () -> new Init.XavierNormal(1e307));
        assertEquals("Init: xavier normal gain must be at most " + Init.MAX_XAVIER_NORMAL_GAIN + ", so that every draw"
                + " is finite; got 1.0E307", e.getMessage());
    }

    @Test
    void normalWhoseDrawsOverflowIsRejected() {
        UnrollException e = assertThrows(UnrollException.class, () -> Init.normal(1e308, 1e307));
        assertEquals("Init.normal needs |mean| + 64·std finite, so that every draw is finite; got mean 1.0E308, std"
                + " 1.0E307; use a smaller std or mean", e.getMessage());
    }

    @Test
    void theLargestAcceptedRangesStillDrawFiniteExtremes() {
        Init.Uniform u = new Init.Uniform(-Double.MAX_VALUE / 2, Double.MAX_VALUE / 2);
        assertTrue(Double.isFinite(u.low() + (u.high() - u.low()) * Math.nextDown(1.0)));
        double a = Init.MAX_XAVIER_UNIFORM_GAIN * Math.sqrt(6.0 / 2);
        assertTrue(Double.isFinite(-a + 2 * a * Math.nextDown(1.0)), "widest Xavier range at the largest gain");
        assertTrue(Double.isFinite(new Init.XavierNormal(Init.MAX_XAVIER_NORMAL_GAIN).gain() * Init.MAX_DEVIATIONS));
    }

    @Test
    void factoriesRecordTheirParameters() {
        assertEquals(new Init.Uniform(-0.5, 0.5), Init.uniform(-0.5, 0.5));
        assertEquals(new Init.Normal(1, 2), Init.normal(1, 2));
        assertEquals(new Init.XavierUniform(1.0), Init.xavier());
        assertEquals(new Init.XavierNormal(1.0), Init.xavierNormal());
        assertEquals(new Init.Constant(3), Init.constant(3));
        assertEquals(new Init.Zeros(), Init.zeros());
    }
}
